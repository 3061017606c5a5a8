using System.Reflection;
using System.Runtime.CompilerServices;
using EvMonitor.Functions.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace EvMonitor.Functions.Tests.OpenApi;

/// <summary>The HTTP-triggered functions of the app, found by their attributes as the Functions host finds them.</summary>
public static class HttpFunctions
{
    /// <param name="Path">The route as the document spells it: <c>/login</c>; the catch-all <c>{*path}</c> as <c>/{path}</c>.</param>
    public sealed record HttpFunction(string Name, string Path, MethodInfo Method);

    public static readonly string[] ProbedMethods = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    /// <summary>Every HTTP function.</summary>
    public static IReadOnlyList<HttpFunction> All { get; } = [.. typeof(HttpApi).Assembly.GetTypes()
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
        .Select(m => (Method: m, Function: m.GetCustomAttribute<FunctionAttribute>(), Trigger: m.GetParameters()
            .Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).SingleOrDefault(a => a is not null)))
        .Where(f => f.Function is not null && f.Trigger is not null)
        .Select(f => new HttpFunction(f.Function!.Name, "/" + f.Trigger!.Route!.Replace("{*", "{", StringComparison.Ordinal), f.Method))];

    /// <summary>
    /// The methods a function serves: those it does not answer with 405. The function runs with its
    /// endpoint and services left unconstructed, so any method it lets through fails past the method
    /// check (a 500 or an exception), and no storage is needed.
    /// </summary>
    public static async Task<(ISet<string> Served, ISet<string> Allow)> ProbeAsync(HttpFunction function)
    {
        var served = new SortedSet<string>(StringComparer.Ordinal);
        var allow = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var method in ProbedMethods)
        {
            var instance = Create(function.Method.DeclaringType!);
            Http.Answer answer;
            try
            {
                var result = function.Method.Invoke(instance, [Http.Request(method, null, [])]);
                var action = result is Task<IActionResult> task ? await task : (IActionResult)result!;
                answer = await Http.ExecuteAsync(action);
            }
            catch (Exception e) when (e is TargetInvocationException or NullReferenceException)
            {
                served.Add(method);
                continue;
            }
            if (answer.Status == 405)
                allow.UnionWith(answer.Headers.Allow.ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
            else
                served.Add(method);
        }
        return (served, allow);
    }

    private static object Create(Type type)
    {
        var constructor = type.GetConstructors().Single();
        var arguments = constructor.GetParameters()
            .Select(p => p.ParameterType == typeof(HttpApi) ? Http.Api() : RuntimeHelpers.GetUninitializedObject(p.ParameterType))
            .ToArray();
        return constructor.Invoke(arguments);
    }
}
