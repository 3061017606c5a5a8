using System.Net.Mail;
using EvMonitor.Api;
using EvMonitor.Auth;
using EvMonitor.Domain;
using EvMonitor.Storage;
using EvMonitor.Vehicles;

namespace EvMonitor.Accounts;

/// <summary>Creating users and their vehicles, with the checks every way in (API, CLI, start-up) shares.</summary>
public sealed class AccountService(IUserStore users, IVehicleStore vehicles, ICatalogStore catalog, PasswordHasher hasher, TimeProvider clock)
{
    public const int MinPasswordLength = 8;
    public const int MaxNicknameLength = 100;

    /// <param name="admit">
    /// Asked once the input is valid, before anything is looked up or hashed: null to go on, or how
    /// long to wait before trying again (a throttle's lock).
    /// </param>
    public async Task<Registration> CreateUserAsync(
        string? email, string? password, string? name, Func<CancellationToken, Task<TimeSpan?>>? admit = null, CancellationToken cancellationToken = default)
    {
        var errors = new List<FieldError>();
        var typed = email?.Trim();
        email = string.IsNullOrEmpty(typed) ? typed : TableUserStore.NormalizeEmail(typed);
        if (string.IsNullOrEmpty(typed))
            errors.Add(new FieldError("username", "is required"));
        else if (email is null || email.Length > 254 || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email)
            errors.Add(new FieldError("username", "must be an e-mail address"));
        else if (!TableKeys.CanBeKey(TableUserStore.EmailKey(email)))
            errors.Add(new FieldError("username", "is too long once its accented characters are encoded; use a shorter address"));
        if (string.IsNullOrEmpty(password))
            errors.Add(new FieldError("password", "is required"));
        else if (password.Length < MinPasswordLength)
            errors.Add(new FieldError("password", $"must be at least {MinPasswordLength} characters"));
        else if (password.Length > ApiLimits.MaxFieldLength)
            errors.Add(new FieldError("password", $"must be at most {ApiLimits.MaxFieldLength} characters"));
        if (name is { Length: > 200 })
            errors.Add(new FieldError("name", "must be at most 200 characters"));
        else if (name is not null && TextRules.HasControlCharacter(name.Trim()))
            errors.Add(new FieldError("name", TextRules.ControlCharacterError));
        if (errors.Count > 0)
            return new Registration(RegistrationOutcome.Invalid) { Errors = errors };

        if (admit is not null && await admit(cancellationToken) is { } wait)
            return new Registration(RegistrationOutcome.Throttled) { RetryAfter = wait };

        // A taken address costs no hash, yet answers no sooner than a free one: the time does not tell
        // which accounts exist. (Two registrations racing for one address both hash; one gets the 409.)
        if (await users.FindByEmailAsync(email!, cancellationToken) is not null)
        {
            await hasher.WaitAsLongAsAHashAsync(cancellationToken);
            return new Registration(RegistrationOutcome.EmailTaken) { Email = email };
        }
        var user = new User(Tokens.NewId(), email!, hasher.Hash(password!), string.IsNullOrWhiteSpace(name) ? null : name.Trim(), clock.GetUtcNow());
        return await users.TryAddAsync(user, cancellationToken)
            ? new Registration(RegistrationOutcome.Created) { User = user, Email = email }
            : new Registration(RegistrationOutcome.EmailTaken) { Email = email };
    }

    public async Task<VehicleAddition> AddVehicleAsync(
        string userId, string? makeId, string? modelId, string? nickname, string? plan, CancellationToken cancellationToken = default, string? timeZone = null)
    {
        var errors = new List<FieldError>();
        nickname = ReadNickname(nickname, errors);
        var zone = string.IsNullOrWhiteSpace(timeZone) ? VehicleTimeZone.Default : VehicleTimeZone.Read(timeZone, errors);
        CheckCatalogId("make", makeId, errors);
        CheckCatalogId("model", modelId, errors);
        if (plan is { Length: > 20 })
            errors.Add(new FieldError("plan", "must be at most 20 characters"));
        if (errors.Count > 0)
            return new VehicleAddition(VehicleAdditionOutcome.Invalid) { Errors = errors };

        var make = await catalog.FindMakeAsync(makeId!, cancellationToken);
        if (make is null)
            return new VehicleAddition(VehicleAdditionOutcome.MakeNotFound) { MakeId = makeId };
        var model = await catalog.FindModelAsync(modelId!, cancellationToken);
        if (model is null || model.MakeId != make.Id)
            return new VehicleAddition(VehicleAdditionOutcome.ModelNotFound) { MakeId = make.Id, MakeName = make.Name, ModelId = modelId };

        var vehicle = new Vehicle(Tokens.NewId(), userId, make.Id, model.Id, nickname!, string.IsNullOrWhiteSpace(plan) ? "0" : plan.Trim(), zone!);
        await vehicles.AddAsync(vehicle, cancellationToken);
        return new VehicleAddition(VehicleAdditionOutcome.Added) { Vehicle = vehicle };
    }

    /// <summary>The nickname as it will be stored (trimmed), or null with the problem added to <paramref name="errors"/>.</summary>
    public static string? ReadNickname(string? nickname, List<FieldError> errors)
    {
        nickname = nickname?.Trim();
        if (string.IsNullOrEmpty(nickname))
            errors.Add(new FieldError("nickname", "is required"));
        else if (nickname.Length > MaxNicknameLength)
            errors.Add(new FieldError("nickname", $"must be at most {MaxNicknameLength} characters"));
        else if (TextRules.HasControlCharacter(nickname))
            errors.Add(new FieldError("nickname", TextRules.ControlCharacterError));
        else
            return nickname;
        return null;
    }

    private static void CheckCatalogId(string field, string? id, List<FieldError> errors)
    {
        if (string.IsNullOrEmpty(id))
            errors.Add(new FieldError(field, "is required"));
        // Catalog ids are short; a longer value would only be echoed back in the not-found answer.
        else if (id.Length > ApiLimits.MaxFieldLength)
            errors.Add(new FieldError(field, $"must be at most {ApiLimits.MaxFieldLength} characters"));
    }
}
