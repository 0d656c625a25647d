namespace PaySim.Tests.Silo.TestGrains;

public sealed class NoteState
{
    public string? Text { get; set; }

    public int ReminderTicks { get; set; }
}
