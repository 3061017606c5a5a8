using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EvMonitor.Settings;

public static class SettingsRegistration
{
    /// <summary>
    /// Binds <typeparamref name="T"/> from its section, checks it when the host starts (a wrong value
    /// stops the start with a message naming the setting), and lets services take it as a plain
    /// <typeparamref name="T"/>.
    /// </summary>
    public static OptionsBuilder<T> AddSettings<T>(this IServiceCollection services) where T : class, ISettings
    {
        services.AddSingleton<IValidateOptions<T>, SettingsValidator<T>>();
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<T>>().Value);
        return services.AddOptions<T>().BindConfiguration(T.Section).ValidateOnStart();
    }

    /// <summary>
    /// <typeparamref name="T"/> bound and checked at once, for a setting needed before the host is built
    /// (which services to register): a wrong value throws what the start-up check would.
    /// </summary>
    /// <exception cref="OptionsValidationException">A value is wrong.</exception>
    public static T ReadSettings<T>(this IConfiguration configuration) where T : class, ISettings, new()
    {
        var settings = new T();
        (T.Section.Length == 0 ? configuration : configuration.GetSection(T.Section)).Bind(settings);
        if (settings.Problems().ToList() is { Count: > 0 } problems)
            throw new OptionsValidationException(Options.DefaultName, typeof(T), problems);
        return settings;
    }

    /// <summary>The setting's app setting name: <c>EvMonitor__LoginThrottle__Window</c>; a top-level one's is its own (<c>Urls</c>).</summary>
    public static string AppSettingName(string section, string property) =>
        section.Length == 0 ? property : (section + ":" + property).Replace(":", "__", StringComparison.Ordinal);

    private sealed class SettingsValidator<T> : IValidateOptions<T> where T : class, ISettings
    {
        public ValidateOptionsResult Validate(string? name, T options) =>
            options.Problems().ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
