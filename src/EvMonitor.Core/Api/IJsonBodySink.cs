using System.Text.Json;

namespace EvMonitor.Api;

/// <summary>
/// A sink that reads some properties of a JSON body's root object itself, in the shape it expects,
/// rather than as form keys (see <see cref="JsonFlattener"/>).
/// </summary>
internal interface IJsonBodySink : IFieldSink
{
    /// <summary>
    /// Called with the reader on the name of each property of the root object. Returns false, the
    /// reader not moved, to leave the property to the flattener; otherwise reads it to its end and
    /// gives the error answer when the body is refused.
    /// </summary>
    bool TryReadRootProperty(ref Utf8JsonReader reader, JsonFlattener flattener, out ApiResult? problem);
}
