using EvMonitor.Settings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EvMonitor.Core.Tests.Support;

/// <summary>Settings bound and checked the way the app does at start-up.</summary>
public static class BoundSettings
{
    /// <summary>The options as the app's services get them, after the start-up check a host runs.</summary>
    /// <exception cref="OptionsValidationException">A value is wrong.</exception>
    public static T Bind<T>(IEnumerable<(string Key, string Value)> settings, Action<IServiceCollection>? register = null) where T : class, ISettings
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        if (register is null)
            services.AddSettings<T>();
        else
            register(services);
        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
        return provider.GetRequiredService<T>();
    }

    public static T Bind<T>(params (string Key, string Value)[] settings) where T : class, ISettings => Bind<T>(settings, null);
}
