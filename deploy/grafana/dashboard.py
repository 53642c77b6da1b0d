#!/usr/bin/env python3
"""Writes plm-dashboard.json, the Grafana dashboard of the PLM monitor.

Edit here and regenerate (python3 dashboard.py > plm-dashboard.json): a generator keeps the
InfluxQL queries consistent with docs/influxdb-schema.md in one place.
The data source uid is the provisioned one (provisioning/datasources/plm-influxdb.yaml).
"""
import json
import sys

DS = {"type": "influxdb", "uid": "plm-influxdb"}
# Every query filters on the dashboard's variables; a re-analysis writes points of another detector
# version beside the old ones, so one detector version is shown at a time.
WHO = '"patient" =~ /^$patient$/ AND "device" =~ /^$device$/'
DET = WHO + ' AND "detector" =~ /^$detector$/'

panels = []


def panel(title, kind, pos, queries, description, fmt="time_series", unit=None, custom=None, transformations=None):
    p = {
        "id": len(panels) + 1,
        "title": title,
        "type": kind,
        "description": description,
        "datasource": DS,
        "gridPos": dict(zip("xywh", pos)),
        "targets": [
            {"refId": chr(65 + i), "datasource": DS, "rawQuery": True, "resultFormat": fmt, "query": q, "alias": a}
            for i, (q, a) in enumerate(queries)
        ],
        "fieldConfig": {"defaults": {}, "overrides": []},
        "options": {},
    }
    if unit:
        p["fieldConfig"]["defaults"]["unit"] = unit
    if custom:
        p["fieldConfig"]["defaults"]["custom"] = custom
    if transformations:
        p["transformations"] = transformations
    panels.append(p)


panel("Leg movements per hour", "timeseries", (0, 0, 12, 8), [
    (f'SELECT count("duration_s") FROM "plm_movement" WHERE {DET} AND "candidate" = true AND $timeFilter '
     'GROUP BY time(1h), "leg" fill(0)', "candidate $tag_leg"),
    (f'SELECT count("duration_s") FROM "plm_movement" WHERE {DET} AND "periodic" = true AND $timeFilter '
     'GROUP BY time(1h) fill(0)', "periodic (in a PLM series)"),
], "Candidate leg movements per leg, and periodic ones, per clock hour. Ankle accelerometry counted per hour "
   "in bed: not comparable with an EMG-scored PSG index.", unit="short",
      custom={"drawStyle": "bars", "fillOpacity": 60})

panel("Periodic movements per night", "barchart", (12, 0, 12, 8), [
    (f'SELECT count("duration_s") AS "periodic" FROM "plm_movement" WHERE {DET} AND "periodic" = true '
     'AND $timeFilter GROUP BY "night"', ""),
], "Periodic leg movements per night (named by the evening's date). Divide by the analysable hours in the "
   "Nights table for the per-hour index; plm report gives it directly.", fmt="table",
      transformations=[{"id": "organize", "options": {"excludeByName": {"Time": True}}}])

panel("Nights", "table", (0, 8, 12, 8), [
    (f'SELECT last("analysable_s") / 3600 AS "analysable h", last("wear_s") / 3600 AS "worn h", '
     f'last("open") AS "recording", last("standard") AS "standard", last("software_version") AS "software" '
     f'FROM "plm_night" WHERE {DET} AND $timeFilter GROUP BY "night"', ""),
], "One row per night: analysable and worn hours, whether it is still recording, scoring standard and "
   "software version.", fmt="table",
      transformations=[{"id": "organize", "options": {"excludeByName": {"Time": True}}}])

panel("PLM series", "table", (12, 8, 12, 8), [
    (f'SELECT "series_id", "count", "duration_s" FROM "plm_series" WHERE {DET} AND $timeFilter GROUP BY "night"', ""),
], "Each periodic limb movement series: start (time), number of movements and duration (s).", fmt="table")

panel("Movement peak acceleration", "timeseries", (0, 16, 12, 8), [
    (f'SELECT "peak_g" FROM "plm_movement" WHERE {DET} AND $timeFilter GROUP BY "leg"', "peak $tag_leg"),
], "Peak acceleration of each detected movement, by leg (g).", unit="none",
      custom={"drawStyle": "points", "pointSize": 4})

panel("Activity", "timeseries", (12, 16, 12, 8), [
    (f'SELECT mean("activity_g") FROM "plm_activity" WHERE {WHO} AND $timeFilter '
     'GROUP BY time($__interval), "leg" fill(null)', "activity $tag_leg"),
], "RMS of the acceleration envelope per leg (g): restlessness through the night; gaps are time without "
   "signal.", unit="none")

panel("Device events", "table", (0, 24, 12, 8), [
    (f'SELECT "component", "kind", "detail" FROM "device_health" WHERE {WHO} AND $timeFilter', ""),
], "Connections, disconnections, signal gaps, battery, wear changes, clock sync, storage and faults.",
      fmt="table")

panel("Cuff actions", "timeseries", (12, 24, 12, 8), [
    (f'SELECT "target_mmhg" FROM "cuff_action" WHERE {WHO} AND $timeFilter GROUP BY "command"', "$tag_command"),
], "Each command sent to the compression cuff with its target pressure (mmHg); the Device events table "
   "shows safety vents.", unit="pressurehg", custom={"drawStyle": "points", "pointSize": 6})


def variable(name, label, query, include_all=True, sort=1):
    return {"name": name, "label": label, "type": "query", "datasource": DS, "query": query, "refresh": 2,
            "includeAll": include_all, "allValue": ".*" if include_all else None, "multi": False, "sort": sort,
            "current": {}}


dashboard = {
    "uid": "plm-monitor",
    "title": "PLM monitor",
    "description": "Nocturnal leg movements from the PLM monitor (measurements of docs/influxdb-schema.md). "
                   "Not a diagnostic device.",
    "tags": ["plm", "rls"],
    "timezone": "browser",
    "schemaVersion": 39,
    "version": 1,
    "editable": True,
    "refresh": "1m",
    "time": {"from": "now-7d", "to": "now"},
    "templating": {"list": [
        variable("patient", "Patient", 'SHOW TAG VALUES FROM "plm_night" WITH KEY = "patient"'),
        variable("device", "Device", 'SHOW TAG VALUES FROM "plm_night" WITH KEY = "device" '
                                     'WHERE "patient" =~ /^$patient$/'),
        # Newest version first (descending), and never "All": two versions would count every movement twice.
        variable("detector", "Detector version", 'SHOW TAG VALUES FROM "plm_night" WITH KEY = "detector"',
                 include_all=False, sort=2),
    ]},
    "annotations": {"list": []},
    "panels": panels,
}

json.dump(dashboard, sys.stdout, indent=2)
sys.stdout.write("\n")
