using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace EvMonitor.LocalHost;

/// <summary>Finds the app's functions by their attributes, as the Functions host does, so the local host serves exactly them.</summary>
public static class FunctionCatalog
{
    public sealed record HttpFunction(string Name, string Route, MethodInfo Method);

    public sealed record QueueFunction(string Name, string QueueName, MethodInfo Method);

    public static (IReadOnlyList<HttpFunction> Http, IReadOnlyList<QueueFunction> Queue) Discover(Assembly assembly)
    {
        var http = new List<HttpFunction>();
        var queue = new List<QueueFunction>();
        foreach (var method in assembly.GetTypes().SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance)))
        {
            var function = method.GetCustomAttribute<FunctionAttribute>();
            if (function is null)
                continue;
            foreach (var parameter in method.GetParameters())
            {
                if (parameter.GetCustomAttribute<HttpTriggerAttribute>() is { } httpTrigger)
                    http.Add(new HttpFunction(function.Name, httpTrigger.Route ?? function.Name, method));
                else if (parameter.GetCustomAttribute<QueueTriggerAttribute>() is { } queueTrigger)
                    queue.Add(new QueueFunction(function.Name, queueTrigger.QueueName, method));
            }
        }
        return (http, queue);
    }

    /// <summary>Calls a function method on a fresh instance, as the host does per invocation, filling the parameters it knows.</summary>
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
