using EvMonitor.Catalog;
using EvMonitor.Login;
using EvMonitor.Push;
using EvMonitor.Vehicles;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace EvMonitor.Functions.Functions;

// One HTTP function per endpoint. Every method reaches the function, which answers 405 itself,
// so a wrong method gets the JSON error body rather than the host's empty 404.

public sealed class LoginFunction(HttpApi api, LoginEndpoint endpoint)
{
    [Function("login")]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, Route = "login")] HttpRequest request) => api.RunAsync(request, endpoint);
}

public sealed class GetVehiclesFunction(HttpApi api, GetVehiclesEndpoint endpoint)
{
    [Function("get_vehicles")]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, Route = "get_vehicles")] HttpRequest request) => api.RunAsync(request, endpoint);
}

public sealed class GetMakeFunction(HttpApi api, GetMakeEndpoint endpoint)
{
    [Function("get_make")]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, Route = "get_make")] HttpRequest request) => api.RunAsync(request, endpoint);
}

public sealed class GetModelFunction(HttpApi api, GetModelEndpoint endpoint)
{
    [Function("get_model")]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, Route = "get_model")] HttpRequest request) => api.RunAsync(request, endpoint);
}

public sealed class PushFunction(HttpApi api, PushEndpoint endpoint)
{
    [Function("push")]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, Route = "push")] HttpRequest request) => api.RunAsync(request, endpoint);
}
