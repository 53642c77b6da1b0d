/**
 * The cuff's n-of-1 trial in the monitor: the seeded block schedule ({@link org.plmmonitor.monitor.trial.TrialSchedule}),
 * its recording in the store, once and for good ({@link org.plmmonitor.monitor.trial.TrialBook}), whether a stored
 * night followed it ({@link org.plmmonitor.monitor.trial.NightAdherence}), and the nights handed to the analysis
 * module's comparison ({@link org.plmmonitor.monitor.trial.TrialReport}). The statistics are the analysis module's.
 */
package org.plmmonitor.monitor.trial;
