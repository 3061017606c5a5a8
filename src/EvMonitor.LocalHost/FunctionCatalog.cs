using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace EvMonitor.LocalHost;

/// <summary>Finds the app's functions by their attributes, as the Functions host does, so the local host serves exactly them.</summary>
public static class FunctionCatalog
{
    /// <param name="Methods">Empty: every method, as an HTTP trigger without a method list.</param>
    public sealed record HttpFunction(string Name, string Route, IReadOnlyList<string> Methods, MethodInfo Method);

    public sealed record QueueFunction(string Name, string QueueName, MethodInfo Method);

    /// <summary>A function the Functions host would not index, with its reason; it is not run.</summary>
    public sealed record FailedFunction(string Name, string Error);

    public sealed record Functions(IReadOnlyList<HttpFunction> Http, IReadOnlyList<QueueFunction> Queue, IReadOnlyList<FailedFunction> Failed);

    /// <summary>Binding expressions (<c>%name%</c>) in routes and queue names are resolved from <paramref name="configuration"/>.</summary>
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
                        queue.Add(new QueueFunction(function.Name, BindingExpressions.Resolve(queueTrigger.QueueName, configuration), method));
                }
            }
            catch (InvalidOperationException e)
            {
                failed.Add(new FailedFunction(function.Name, e.Message));
            }
        }
        return new Functions(http, queue, failed);
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
