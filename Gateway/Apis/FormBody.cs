namespace PaySim.Gateway.Apis;

/// <summary>Reads a posted form (the cashier's, seed 002's pay request, the dashboard's sign-in), refusing what is not one.</summary>
public static class FormBody
{
    /// <summary>
    /// The posted form, or null when the body is not one: another content type (JSON, text, none), a multipart body
    /// without its boundary or ending before it, or more fields or a longer field than ASP.NET Core's form limits.
    /// Such a request is the client's mistake (400), not an outage.
    /// </summary>
    public static async Task<IFormCollection?> TryReadAsync(HttpRequest http)
    {
        if (!http.HasFormContentType)
        {
            return null;
        }

        try
        {
            return await http.ReadFormAsync(http.HttpContext.RequestAborted);
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException)
        {
            // InvalidDataException: past a form limit, or multipart without a boundary. IOException: a multipart body
            // that ends before its boundary.
            return null;
        }
    }
}
