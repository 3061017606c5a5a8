namespace EvMonitor.Api;

/// <summary>Reading and checking the plain top-level fields most endpoints take.</summary>
public static class RequestFields
{
    public static async Task<(FieldBag? Fields, ApiResult? Failure)> ReadAsync(ApiRequest request)
    {
        var fields = new FieldBag();
        var failure = await RequestBodyParser.ParseAsync(request, fields);
        if (failure is null && fields.TooManyFields)
            failure = ApiResult.Error(400, ErrorCodes.MalformedBody,
                $"The body has more than {ApiLimits.MaxTopLevelFields} top-level fields; no endpoint takes more than a few.");
        return failure is null ? (fields, null) : (null, failure);
    }

    /// <summary>Adds an error to <paramref name="errors"/> when a required field is missing or too long; returns the value otherwise.</summary>
    public static string? Required(FieldBag fields, string name, List<FieldError> errors, int maxLength = ApiLimits.MaxFieldLength)
    {
        var value = fields[name];
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new FieldError(name, "is required"));
            return null;
        }
        if (value.Length > maxLength)
        {
            errors.Add(new FieldError(name, $"must be at most {maxLength} characters"));
            return null;
        }
        return value;
    }
}
