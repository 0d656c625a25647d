namespace PaySim.Tests.Silo.Storage;

/// <summary>The note's persisted state, stored as JSON by PaySim's grain storage.</summary>
[GenerateSerializer]
public sealed class NoteState
{
    [Id(0)]
    public string? Text { get; set; }
}
