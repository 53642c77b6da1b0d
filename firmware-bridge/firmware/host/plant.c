#include "plant.h"
#include <math.h>

const plant_params_t PLANT_NOMINAL = {
    .compliance_ml_per_mmhg = 2.0,
    .pump_flow_ml_s = 60.0,
    .pump_stall_mmhg = 120.0,
    .vent_ml_s_per_mmhg = 4.0,
    .leak_ml_s_per_mmhg = 2.0 / 300.0,
    .transient_tau_s = 0.2,
    .transient_mmhg_per_g = 20.0,
};

void plant_init(plant_t *pl, const plant_params_t *params) {
    pl->p = *params;
    pl->base_mmhg = 0;
    pl->transient_mmhg = 0;
    pl->pump_stuck_on = false;
    pl->valve_stuck_closed = false;
}

void plant_step(plant_t *pl, double dt_s, bool pump_cmd, bool vent_closed_cmd) {
    bool pump = pump_cmd || pl->pump_stuck_on;
    bool vent_open = !vent_closed_cmd && !pl->valve_stuck_closed;
    double p = pl->base_mmhg;
    double flow = -pl->p.leak_ml_s_per_mmhg * p;
    if (pump && p < pl->p.pump_stall_mmhg) {
        flow += pl->p.pump_flow_ml_s * (1 - p / pl->p.pump_stall_mmhg);
    }
    if (vent_open) {
        flow -= pl->p.vent_ml_s_per_mmhg * p;
    }
    p += flow / pl->p.compliance_ml_per_mmhg * dt_s;
    pl->base_mmhg = p < 0 ? 0 : p;
    pl->transient_mmhg *= exp(-dt_s / pl->p.transient_tau_s);
}

void plant_movement(plant_t *pl, double excess_g) {
    double fill = pl->base_mmhg / 30;
    if (fill > 1) {
        fill = 1;
    }
    double t = excess_g * pl->p.transient_mmhg_per_g * fill;
    if (t > pl->transient_mmhg) {
        pl->transient_mmhg = t;
    }
}

double plant_pressure(const plant_t *pl) {
    return pl->base_mmhg + pl->transient_mmhg;
}
