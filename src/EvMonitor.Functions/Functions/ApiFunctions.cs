using EvMonitor.Accounts;
using EvMonitor.Catalog;
using EvMonitor.Export;
using EvMonitor.History;
using EvMonitor.Journeys;
using EvMonitor.Login;
using EvMonitor.Push;
using EvMonitor.Vehicles;
using EvMonitor.VehicleHealth;
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

public sealed class LogoutFunction(HttpApi api, LogoutEndpoint endpoint)
{
    [Function("logout")]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, Route = "logout")] HttpRequest request) => api.RunAsync(request, endpoint);
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

public sealed class RegisterFunction(HttpApi api, RegisterEndpoint endpoint)
{
    [Function("register")]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, Route = "register")] HttpRequest request) => api.RunAsync(request, endpoint);
}

public sealed class AddVehicleFunction(HttpApi api, AddVehicleEndpoint endpoint)
{
    [Function("add_vehicle")]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, Route = "add_vehicle")] HttpRequest request) => api.RunAsync(request, endpoint);
}

public sealed class UpdateVehicleFunction(HttpApi api, UpdateVehicleEndpoint endpoint)
{
    [Function("update_vehicle")]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, Route = "update_vehicle")] HttpRequest request) => api.RunAsync(request, endpoint);
}

public sealed class DeleteVehicleFunction(HttpApi api, DeleteVehicleEndpoint endpoint)
{
    [Function("delete_vehicle")]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, Route = "delete_vehicle")] HttpRequest request) => api.RunAsync(request, endpoint);
}

public sealed class GetMakesFunction(HttpApi api, GetMakesEndpoint endpoint)
{
    [Function("get_makes")]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, Route = "get_makes")] HttpRequest request) => api.RunAsync(request, endpoint);
}

public sealed class GetModelsFunction(HttpApi api, GetModelsEndpoint endpoint)
{
    [Function("get_models")]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, Route = "get_models")] HttpRequest request) => api.RunAsync(request, endpoint);
}

public sealed class GetLatestFunction(HttpApi api, GetLatestEndpoint endpoint)
{
    [Function("get_latest")]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, Route = "get_latest")] HttpRequest request) => api.RunAsync(request, endpoint);
}

public sealed class GetHistoryFunction(HttpApi api, GetHistoryEndpoint endpoint)
{
    [Function("get_history")]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, Route = "get_history")] HttpRequest request) => api.RunAsync(request, endpoint);
}

public sealed class GetTripsFunction(HttpApi api, GetTripsEndpoint endpoint)
{
    [Function("get_trips")]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, Route = "get_trips")] HttpRequest request) => api.RunAsync(request, endpoint);
}

public sealed class GetChargesFunction(HttpApi api, GetChargesEndpoint endpoint)
{
    [Function("get_charges")]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, Route = "get_charges")] HttpRequest request) => api.RunAsync(request, endpoint);
}

public sealed class GetStatsFunction(HttpApi api, GetStatsEndpoint endpoint)
{
    [Function("get_stats")]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, Route = "get_stats")] HttpRequest request) => api.RunAsync(request, endpoint);
}

public sealed class ExportFunction(HttpApi api, ExportEndpoint endpoint)
{
    [Function("export")]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, Route = "export")] HttpRequest request) => api.RunAsync(request, endpoint);
}

public sealed class GetVehicleHealthFunction(HttpApi api, GetVehicleHealthEndpoint endpoint)
{
    [Function("get_vehicle_health")]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, Route = "get_vehicle_health")] HttpRequest request) => api.RunAsync(request, endpoint);
}
