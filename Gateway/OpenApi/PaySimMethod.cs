using Microsoft.OpenApi;

namespace PaySim.Gateway.OpenApi;

/// <summary>
/// One value of POST /PaySim's <c>method</c>: its request fields, whether it needs the admin token, a request that
/// works on a new store (the test sends it) and the answer that request gets.
/// </summary>
internal sealed record PaySimMethod(
    string Method,
    string RequestSchemaId,
    string Description,
    bool AdminOnly,
    string[] Required,
    (string Name, IOpenApiSchema Schema)[] Fields,
    Example Request,
    Example Answer)
{
    /// <summary>The request schema: <c>method</c> fixed to this method's name, then its own fields.</summary>
    public OpenApiSchema RequestSchema() => Schemas.Object(
        (AdminOnly ? "Admin: needs the X-PaySim-Admin-Token header. " : "") + Description,
        ["method", .. Required],
        [("method", Schemas.Constant(Method, "The operation.")), .. Fields]);
}
