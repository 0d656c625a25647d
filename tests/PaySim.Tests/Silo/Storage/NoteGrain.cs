using PaySim.Grains;

namespace PaySim.Tests.Silo.Storage;

/// <summary>Keeps its text in the storage every PaySim document grain uses (<see cref="StorageNames.Documents"/>).</summary>
public sealed class NoteGrain([PersistentState("note", StorageNames.Documents)] IPersistentState<NoteState> note) : Grain, INoteGrain
{
    public async Task WriteAsync(string text)
    {
        note.State.Text = text;
        await note.WriteStateAsync();
    }

    public Task<string?> ReadAsync() => Task.FromResult(note.State.Text);
}
