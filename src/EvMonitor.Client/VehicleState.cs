namespace EvMonitor.Client;

/// <summary>The values of <see cref="GeneralReadings.State"/>.</summary>
public static class VehicleState
{
    /// <summary>Switched off.</summary>
    public const int Off = 0;

    /// <summary>Switched on.</summary>
    public const int On = 1;

    /// <summary>Charging from AC.</summary>
    public const int ChargingAc = 10;

    /// <summary>Charging from DC.</summary>
    public const int ChargingDc = 11;
}
