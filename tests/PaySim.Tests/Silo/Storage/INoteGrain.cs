namespace PaySim.Tests.Silo.Storage;

/// <summary>A grain that keeps one text in PaySim's document storage, for the durable-silo tests.</summary>
public interface INoteGrain : IGrainWithStringKey
{
    Task WriteAsync(string text);

    /// <summary>The text as this activation holds it: what it read at activation or wrote since; null if none.</summary>
    Task<string?> ReadAsync();
}
