using PaySim.Grains.Interfaces;

namespace PaySim.Gateway.Apis;

/// <summary>Handlers of methods PaySim adds for its administrators.</summary>
public static class AdminHandlers
{
    /// <summary>对账 (admin): scans every balance and ledger line and reports whether the books agree.</summary>
    public static async Task<IResult> ReconcileAsync(PaySimRequest request, PaySimServices services)
    {
        // Long by design (it scans the whole store): Orleans' response timeout, never repeated.
        var report = await services.Calls.LongAsync(services.Grains.GetGrain<IReconciliationGrain>(0).RunAsync);
        return TypedResults.Ok(report);
    }
}
