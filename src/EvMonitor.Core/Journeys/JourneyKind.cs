namespace EvMonitor.Journeys;

/// <summary>What a run of snapshots is, from their <c>state</c>.</summary>
public enum JourneyKind
{
    /// <summary>State 0 (off), or a state no run is made of: it only separates runs.</summary>
    None,

    /// <summary>State 1 (on): a trip.</summary>
    Trip,

    /// <summary>State 10: an AC charging session.</summary>
    ChargeAc,

    /// <summary>State 11: a DC charging session.</summary>
    ChargeDc,
}

public static class JourneyKinds
{
    public static JourneyKind Of(int state) => state switch
    {
        1 => JourneyKind.Trip,
        10 => JourneyKind.ChargeAc,
        11 => JourneyKind.ChargeDc,
        _ => JourneyKind.None,
    };

    public static bool IsCharge(this JourneyKind kind) => kind is JourneyKind.ChargeAc or JourneyKind.ChargeDc;
}
