using EvMonitor.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace EvMonitor.Functions.Functions;

/// <summary>
/// Every path under the route prefix that no endpoint serves, for every method: the JSON error form
/// instead of the host's empty 404; the body is not read.
/// </summary>
/// <remarks>
/// The Functions host tries the HTTP routes in the order of the functions' names and takes the first
/// that matches, so a catch-all route placed before an endpoint's would take its requests. The name
/// sorts after every other function's (a test checks it), which puts this route last.
/// </remarks>
public sealed class NotFoundFunction
{
    public const string Name = "zz_not_found";

    [Function(Name)]
    public IActionResult Run([HttpTrigger(AuthorizationLevel.Anonymous, Route = "{*path}")] HttpRequest request) =>
        new ApiActionResult(ApiResult.Error(404, ErrorCodes.NotFound, "There is no endpoint at this address; see the API reference for the endpoints."));
}
