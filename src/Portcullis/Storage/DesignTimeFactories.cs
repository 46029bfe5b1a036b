using Microsoft.EntityFrameworkCore.Design;

namespace Portcullis.Storage;

// `dotnet ef migrations add` needs one factory per provider so that each keeps its own migrations.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqlitePortcullisDb>
{
    public SqlitePortcullisDb CreateDbContext(string[] args) =>
        (SqlitePortcullisDb)new Database(DatabaseTarget.Resolve("design-time.db").GetValueOrThrow()).CreateContext();
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresPortcullisDb>
{
    public PostgresPortcullisDb CreateDbContext(string[] args) =>
        (PostgresPortcullisDb)new Database(DatabaseTarget.Resolve("Host=localhost;Database=portcullis;Username=portcullis").GetValueOrThrow()).CreateContext();
}
