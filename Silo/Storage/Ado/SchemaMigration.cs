namespace PaySim.Silo.Storage.Ado;

/// <summary>One step of a store's schema; applied once, in <see cref="Version"/> order, and never edited afterwards.</summary>
internal sealed record SchemaMigration(int Version, string Description, string Sql);
