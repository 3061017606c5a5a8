using System.Reflection;
using EvMonitor.Storage;
using Microsoft.Azure.Functions.Worker;

namespace EvMonitor.LocalHost;

/// <summary>Finds the app's functions by their attributes, as the Functions host does, so the local host serves exactly them.</summary>
public static class FunctionCatalog
{
    /// <param name="Methods">Empty: every method, as an HTTP trigger without a method list.</param>
    public sealed record HttpFunction(string Name, string Route, IReadOnlyList<string> Methods, MethodInfo Method);

    /// <param name="ConnectionName">The trigger's <c>Connection</c>, binding expressions resolved.</param>
    /// <param name="Connection">Its settings, found as the Functions host finds them (<see cref="StorageConnection"/>).</param>
    public sealed record QueueFunction(string Name, string QueueName, string ConnectionName, IConfigurationSection Connection, MethodInfo Method);

    /// <summary>A function the Functions host would not index, with its reason; it is not run.</summary>
    public sealed record FailedFunction(string Name, string Error);

    public sealed record Functions(IReadOnlyList<HttpFunction> Http, IReadOnlyList<QueueFunction> Queue, IReadOnlyList<FailedFunction> Failed);

    /// <summary>
    /// Binding expressions (<c>%name%</c>) in routes, queue names and connections are resolved from
    /// <paramref name="configuration"/>, and a queue trigger's connection must be set, as under the
    /// Functions host: it indexes every function, disabled ones too, and leaves out one whose
    /// connection is not set (checked under the real host in <c>HostAccountsTests</c>).
    /// </summary>
    public static Functions Discover(Assembly assembly, IConfiguration configuration)
    {
        var http = new List<HttpFunction>();
        var queue = new List<QueueFunction>();
        var failed = new List<FailedFunction>();
        foreach (var method in assembly.GetTypes().SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance)))
        {
            var function = method.GetCustomAttribute<FunctionAttribute>();
            if (function is null)
                continue;
            try
            {
                foreach (var parameter in method.GetParameters())
                {
                    if (parameter.GetCustomAttribute<HttpTriggerAttribute>() is { } httpTrigger)
                        http.Add(new HttpFunction(function.Name, BindingExpressions.Resolve(httpTrigger.Route ?? function.Name, configuration), httpTrigger.Methods ?? [], method));
                    else if (parameter.GetCustomAttribute<QueueTriggerAttribute>() is { } queueTrigger)
                        queue.Add(QueueFunctionOf(function.Name, queueTrigger, method, configuration));
                }
            }
            catch (InvalidOperationException e)
            {
                failed.Add(new FailedFunction(function.Name, e.Message));
            }
        }
        return new Functions(http, queue, failed);
    }

    private static QueueFunction QueueFunctionOf(string name, QueueTriggerAttribute trigger, MethodInfo method, IConfiguration configuration)
    {
        var queueName = BindingExpressions.Resolve(trigger.QueueName, configuration);
        // No connection means the host's own storage, AzureWebJobsStorage.
        var connectionName = string.IsNullOrEmpty(trigger.Connection) ? "Storage" : BindingExpressions.Resolve(trigger.Connection, configuration);
        var connection = StorageConnection.Find(configuration, connectionName) ?? throw new InvalidOperationException(StorageConnection.Missing(connectionName));
        return new QueueFunction(name, queueName, connectionName, connection, method);
    }

    /// <summary>Calls a function method on a fresh instance, as the host does per invocation, filling the parameters it knows.</summary>
    /// <param name="services">The invocation's own scope: scoped services live as long as the invocation.</param>
    /// <param name="metadata">Trigger metadata (a queue message's <c>DequeueCount</c>), bound to parameters of the same name as the worker binds it.</param>
    public static async Task<object?> InvokeAsync(IServiceProvider services, MethodInfo method, object trigger, CancellationToken cancellationToken, IReadOnlyDictionary<string, object>? metadata = null)
    {
        var instance = ActivatorUtilities.CreateInstance(services, method.DeclaringType!);
        var arguments = method.GetParameters().Select(p => p.ParameterType switch
        {
            var t when t == typeof(CancellationToken) => cancellationToken,
            var t when t.IsInstanceOfType(trigger) => trigger,
            var t when metadata?.FirstOrDefault(m => string.Equals(m.Key, p.Name, StringComparison.OrdinalIgnoreCase)).Value is { } value => Convert.ChangeType(value, t, System.Globalization.CultureInfo.InvariantCulture),
            var t => throw new NotSupportedException($"The local host cannot bind parameter '{p.Name}' of type {t.Name} in {method.DeclaringType!.Name}.{method.Name}."),
        }).ToArray();
        var result = method.Invoke(instance, arguments);
        if (result is not Task task)
            return result;
        await task;
        return task.GetType().GetProperty("Result")?.GetValue(task);
    }
}
