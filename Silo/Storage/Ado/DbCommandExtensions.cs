using System.Data.Common;

namespace PaySim.Silo.Storage.Ado;

internal static class DbCommandExtensions
{
    /// <summary>Adds a named parameter (<c>@name</c> in the SQL); null becomes SQL NULL.</summary>
    public static TCommand WithParameter<TCommand>(this TCommand command, string name, object? value)
        where TCommand : DbCommand
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return command;
    }
}
