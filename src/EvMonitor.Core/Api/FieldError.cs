namespace EvMonitor.Api;

/// <summary>One validation problem, named by the field as the form encoding spells it (<c>data[0][general][speed]</c>).</summary>
public sealed record FieldError(string Field, string Error);
