namespace EvMonitor.Telemetry;

/// <summary>Where a reading sits in a snapshot: <c>general[…]</c>, <c>general[motor][m][…]</c>, <c>general[batt][b][…]</c> or <c>general[gps][…]</c>.</summary>
public enum TelemetryGroup { General, Motor, Battery, Gps }
