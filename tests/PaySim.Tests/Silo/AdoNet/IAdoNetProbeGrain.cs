namespace PaySim.Tests.Silo.AdoNet;

/// <summary>A grain whose only job is to keep a text in Orleans' stock ADO.NET grain storage.</summary>
public interface IAdoNetProbeGrain : IGrainWithStringKey
{
    Task WriteAsync(string text);

    Task ClearAsync();

    Task<AdoNetProbeSnapshot> ReadAsync();

    /// <summary>Asks the runtime to deactivate this activation once the call returns, so the next call reads storage.</summary>
    Task DeactivateAsync();
}
