/* A lumped pneumatic model of a leg cuff for the virtual controller and the tests: a pump whose
 * flow falls linearly to zero at its stall pressure, a normally-open vent and a leak as
 * conductances, the cuff-plus-limb compliance, and leg movements as decaying pressure transients
 * (a moving leg squeezes the cuff, more so the fuller it is). Host-only (uses double). */
#ifndef PLM_PLANT_H
#define PLM_PLANT_H
#include <stdbool.h>

typedef struct {
    double compliance_ml_per_mmhg; /* cuff + limb, mL per mmHg */
    double pump_flow_ml_s;         /* free flow at 0 mmHg */
    double pump_stall_mmhg;        /* no flow at and above */
    double vent_ml_s_per_mmhg;     /* open vent conductance */
    double leak_ml_s_per_mmhg;     /* always-on leak conductance */
    double transient_tau_s;        /* decay of a movement transient */
    double transient_mmhg_per_g;   /* per g of movement beyond 1 g, at full fill (30 mmHg) */
} plant_params_t;

/* Time constants as the Java simulator's PneumaticCuff: pump 4 s toward 120 mmHg, vent 0.5 s, leak 300 s. */
extern const plant_params_t PLANT_NOMINAL;
/* The leaking cuff of the `leak` fault: leak time constant 1.5 s. */
#define PLANT_LEAK_FAULT_ML_S_PER_MMHG (2.0 / 1.5)

typedef struct {
    plant_params_t p;
    double base_mmhg;
    double transient_mmhg;
    bool pump_stuck_on;      /* fault: the pump runs whatever it is told */
    bool valve_stuck_closed; /* fault: the vent stays shut whatever it is told */
} plant_t;

void plant_init(plant_t *pl, const plant_params_t *params);

/* Advances by dt_s (1 ms or less) with the commanded pump and vent; faults override the commands. */
void plant_step(plant_t *pl, double dt_s, bool pump_cmd, bool vent_closed_cmd);

/* A leg movement: excess_g is the acceleration magnitude beyond 1 g, g. */
void plant_movement(plant_t *pl, double excess_g);

/* True cuff pressure, mmHg. */
double plant_pressure(const plant_t *pl);

#endif
