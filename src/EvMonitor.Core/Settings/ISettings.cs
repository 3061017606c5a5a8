namespace EvMonitor.Settings;

/// <summary>
/// An options class the app binds from its configuration section and checks at start-up
/// (<see cref="SettingsRegistration.AddSettings{T}"/>). The README's settings table lists each of
/// its properties with the default the class gives it; a test holds the two equal.
/// </summary>
public interface ISettings
{
    /// <summary>The configuration section, <c>:</c>-separated (app setting names use <c>__</c>).</summary>
    static abstract string Section { get; }

    /// <summary>Each wrong value, in a sentence naming its setting; empty when all are right.</summary>
    IEnumerable<string> Problems();
}
