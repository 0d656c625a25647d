using PaySim.Runtime;

namespace PaySim.Silo.Reminders;

internal sealed record GrainReminder(string ReminderName) : IGrainReminder;
