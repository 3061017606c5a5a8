namespace EvMonitor.Client.Tests.Support;

public static class Clients
{
    public static readonly Uri BaseAddress = new("https://ev-monitor.test/api/");

    public static EvMonitorClient Create(FakeApi api, TimeProvider time, Action<EvMonitorClientOptions>? configure = null)
    {
        var options = new EvMonitorClientOptions { BaseAddress = BaseAddress, Username = "rider@example.com", Password = "a long password" };
        configure?.Invoke(options);
        return new EvMonitorClient(new HttpClient(api), options, time);
    }
}
