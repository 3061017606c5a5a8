using EvMonitor.Monitoring;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace EvMonitor.Functions.Functions;

/// <summary>Every method reaches it, as every endpoint: health answers GET and POST, and 405 with the JSON error body otherwise. The body is never read.</summary>
public sealed class HealthFunction(HealthEndpoint endpoint)
{
    [Function(HealthEndpoint.FunctionName)]
    public async Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, Route = HealthEndpoint.FunctionName)] HttpRequest request) =>
        new ApiActionResult(await endpoint.HandleAsync(request.Method, request.HttpContext.RequestAborted));
}
