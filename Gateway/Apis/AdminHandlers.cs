namespace PaySim.Gateway.Apis;

/// <summary>Handlers of methods PaySim adds for its administrators.</summary>
public static class AdminHandlers
{
    /// <summary>对账 (admin): scans every balance and ledger line and reports whether the books agree.</summary>
    public static async Task<IResult> ReconcileAsync(PaySimRequest request, PaySimServices services)
    {
        var report = await services.Reconciliation.RunAsync(services.HttpContext.RequestAborted);
        return TypedResults.Ok(report);
    }
}
