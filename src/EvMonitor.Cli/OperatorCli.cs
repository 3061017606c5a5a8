using System.Text.Json;
using System.Text.Json.Nodes;
using EvMonitor.Accounts;
using EvMonitor.Api;
using EvMonitor.Catalog;
using EvMonitor.Maintenance;
using EvMonitor.Storage;
using EvMonitor.Vehicles;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EvMonitor.Cli;

/// <summary>
/// The operator's commands. Results go to stdout as JSON; errors to stderr as the API's JSON error
/// form, with exit code 1 (2 for a mistyped command line).
/// </summary>
public static class OperatorCli
{
    public const string Usage = """
        Usage: dotnet run --project src/EvMonitor.Cli -- <command>
          user add --email E --password P [--name N]
          user delete --email E            (the user, their vehicles and telemetry; their tokens stop working)
          vehicle add --email E --nickname N --make MAKE --model MODEL [--plan P]
          vehicle list --email E
          catalog import FILE
          storage purge
          sample push --email E --vehicle VEHICLE_ID [--password P] [--url URL] [--file CSV]
                                           (the sample drive and charge, ending now, through the API
                                            of a running service; default URL http://127.0.0.1:7071/api/,
                                            password also from EVMONITOR_PASSWORD)
        MAKE and MODEL are catalog ids or names (e.g. --make Energica --model SS9).
        Storage: AzureWebJobsStorage (connection string; default: the local Azurite), or
        AzureWebJobsStorage__tableServiceUri and __queueServiceUri with your Azure login.
        """;

    public static async Task<int> RunAsync(string[] args, IConfiguration configuration, TextWriter stdout, TextWriter stderr)
    {
        if (!CommandLine.TryParse(args, out var command, out var options, out var positional, out var problem))
            return await UsageError(stderr, problem);

        if (command == "sample push")
            return await PushSampleAsync(options, configuration, stdout, stderr);

        var services = BuildServices(configuration);
        try
        {
            // Locally the CLI may be the first to touch a fresh Azurite; in Azure the template created everything.
            if (!string.IsNullOrWhiteSpace(configuration[StorageClients.ConnectionName]))
                await services.GetRequiredService<StorageClients>().EnsureCreatedAsync();

            JsonNode? result = command switch
            {
                "user add" => await AddUserAsync(services, options),
                "user delete" => await DeleteUserAsync(services, options),
                "vehicle add" => await AddVehicleAsync(services, options),
                "vehicle list" => await ListVehiclesAsync(services, options),
                "catalog import" when positional.Count == 1 => await ImportCatalogAsync(services, positional[0]),
                "catalog import" => throw new CliException("catalog import takes one FILE"),
                "storage purge" => await PurgeAsync(services),
                _ => throw new CliException($"unknown command '{command}'"),
            };
            await stdout.WriteLineAsync(result!.ToJsonString(ApiJsonContext.Wire.Options));
            return 0;
        }
        catch (CliException e) when (e.Result is null)
        {
            return await UsageError(stderr, e.Message);
        }
        catch (CliException e)
        {
            await stderr.WriteLineAsync(e.Result!.ToJsonString());
            return 1;
        }
        catch (Exception e) when (StorageOutage.Is(e))
        {
            await stderr.WriteLineAsync(ApiResult.StorageUnavailable().ToJsonString());
            return 1;
        }
    }

    /// <summary>Talks only to the service's HTTP API, so it needs no storage settings and works against a deployed service too.</summary>
    private static async Task<int> PushSampleAsync(Options options, IConfiguration configuration, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            var result = await SamplePush.RunAsync(options, configuration[SamplePush.PasswordVariable], DateTimeOffset.UtcNow);
            await stdout.WriteLineAsync(result.ToJsonString(ApiJsonContext.Wire.Options));
            return 0;
        }
        catch (CliException e) when (e.Result is null)
        {
            return await UsageError(stderr, e.Message);
        }
        catch (CliException e)
        {
            await stderr.WriteLineAsync(e.Result!.ToJsonString());
            return 1;
        }
        catch (EvMonitor.Client.EvMonitorApiException e)
        {
            await stderr.WriteLineAsync(ApiResult.Error((int)e.Status, e.Code, e.Message, [.. e.FieldErrors.Select(f => new FieldError(f.Field, f.Error))]).ToJsonString());
            return 1;
        }
        catch (HttpRequestException e)
        {
            await stderr.WriteLineAsync(ApiResult.Error(503, ServiceUnreachable, $"The service at --url could not be reached: {e.Message}").ToJsonString());
            return 1;
        }
    }

    /// <summary>The CLI's own error code for a service that does not answer at all.</summary>
    public const string ServiceUnreachable = "SERVICE_UNREACHABLE";

    private static ServiceProvider BuildServices(IConfiguration configuration) =>
        new ServiceCollection().AddLogging().AddEvMonitor(configuration).BuildServiceProvider();

    private static async Task<JsonNode> AddUserAsync(IServiceProvider services, Options options)
    {
        var registration = await services.GetRequiredService<AccountService>()
            .CreateUserAsync(options.Required("email"), options.Required("password"), options.Optional("name"));
        var user = registration.User ?? throw new CliException(RegisterEndpoint.ToResult(registration));
        return new JsonObject { ["user_id"] = user!.UserId, ["email"] = user.Email, ["name"] = user.Name };
    }

    private static async Task<JsonNode> DeleteUserAsync(IServiceProvider services, Options options)
    {
        var email = options.Required("email");
        var deleted = await services.GetRequiredService<AccountDeletion>().DeleteAsync(email)
            ?? throw new CliException(ApiResult.Error(404, ErrorCodes.NotFound, $"No user has the e-mail '{email}'."));
        return new JsonObject { ["user_id"] = deleted.UserId, ["vehicles_deleted"] = deleted.Vehicles, ["tokens_revoked"] = deleted.TokensRevoked };
    }

    private static async Task<JsonNode> AddVehicleAsync(IServiceProvider services, Options options)
    {
        var userId = await FindUserIdAsync(services, options.Required("email"));
        var catalog = services.GetRequiredService<ICatalogStore>();
        var make = await CatalogLookup.FindMakeAsync(catalog, options.Required("make"))
            ?? throw new CliException(ApiResult.Error(404, ErrorCodes.MakeNotFound, $"No make is called or has the id '{options.Required("make")}'; see catalog/catalog.json."));
        var model = await CatalogLookup.FindModelAsync(catalog, make, options.Required("model"))
            ?? throw new CliException(ApiResult.Error(404, ErrorCodes.ModelNotFound, $"{make.Name} has no model called or with the id '{options.Required("model")}'."));

        var addition = await services.GetRequiredService<AccountService>()
            .AddVehicleAsync(userId, make.Id, model.Id, options.Required("nickname"), options.Optional("plan"));
        var vehicle = addition.Vehicle ?? throw new CliException(AddVehicleEndpoint.ToResult(addition));
        return ToJson(vehicle);
    }

    private static async Task<JsonNode> ListVehiclesAsync(IServiceProvider services, Options options)
    {
        var userId = await FindUserIdAsync(services, options.Required("email"));
        var vehicles = await services.GetRequiredService<IVehicleStore>().ListAsync(userId);
        return new JsonArray([.. vehicles.Select(ToJson)]);
    }

    /// <summary>A vehicle as the API shows it.</summary>
    private static JsonNode ToJson(Domain.Vehicle vehicle) =>
        JsonSerializer.SerializeToNode(VehicleView.Of(vehicle), ApiJsonContext.Wire.VehicleView)!;

    private static async Task<JsonNode> ImportCatalogAsync(IServiceProvider services, string path)
    {
        if (!File.Exists(path))
            throw new CliException(ApiResult.Error(404, ErrorCodes.NotFound, $"No catalog file at '{path}'."));
        IReadOnlyList<Domain.Make> makes;
        IReadOnlyList<Domain.Model> models;
        try
        {
            (makes, models) = CatalogFile.Read(await File.ReadAllTextAsync(path));
        }
        catch (InvalidDataException e)
        {
            throw new CliException(ApiResult.Error(400, ErrorCodes.ValidationFailed, e.Message));
        }
        await services.GetRequiredService<ICatalogStore>().UpsertAsync(makes, models);
        return new JsonObject { ["makes"] = makes.Count, ["models"] = models.Count };
    }

    private static async Task<JsonNode> PurgeAsync(IServiceProvider services)
    {
        var (tokens, throttleRows) = await services.GetRequiredService<ExpiredDataPurge>().RunAsync();
        return new JsonObject { ["expired_tokens"] = tokens, ["stale_throttle_rows"] = throttleRows };
    }

    private static async Task<string> FindUserIdAsync(IServiceProvider services, string email)
    {
        var user = await services.GetRequiredService<IUserStore>().FindByEmailAsync(email);
        return user?.UserId ?? throw new CliException(ApiResult.Error(404, ErrorCodes.NotFound, $"No user has the e-mail '{email}'; add one with 'user add'."));
    }

    private static async Task<int> UsageError(TextWriter stderr, string problem)
    {
        await stderr.WriteLineAsync(ApiResult.Error(400, "USAGE", problem).ToJsonString());
        await stderr.WriteLineAsync(Usage);
        return 2;
    }
}

/// <summary>A failed command: with an API-style result for a refused operation, without one for a mistyped command line.</summary>
public sealed class CliException : Exception
{
    public CliException(ApiResult result) : base((result.Body as ErrorAnswer)?.Error) => Result = result;

    public CliException(string usageProblem) : base(usageProblem) { }

    public ApiResult? Result { get; }
}
