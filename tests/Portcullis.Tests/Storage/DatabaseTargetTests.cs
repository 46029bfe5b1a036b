using Portcullis.Storage;

namespace Portcullis.Tests.Storage;

public sealed class DatabaseTargetTests
{
    [Fact]
    public void Nothing_selects_the_default_sqlite_file_under_data()
    {
        var target = DatabaseTarget.Resolve(null).GetValueOrThrow();
        Assert.Equal(DatabaseProvider.Sqlite, target.Provider);
        Assert.EndsWith(Path.Combine("data", "portcullis.db"), target.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Host=db.internal;Port=5433;Database=portcullis;Username=pcl;Password=s3cr3t-value", "PostgreSQL pcl@db.internal:5433/portcullis")]
    [InlineData("Server=db.internal;Database=portcullis;Username=pcl;Password=s3cr3t-value", "PostgreSQL pcl@db.internal:5432/portcullis")]
    [InlineData("postgres://pcl:s3cr3t-value@db.internal:5433/portcullis", "PostgreSQL pcl@db.internal:5433/portcullis")]
    [InlineData("postgresql://pcl:s3cr3t%2Dvalue@db.internal/portcullis", "PostgreSQL pcl@db.internal:5432/portcullis")]
    public void Postgres_connection_strings_select_postgres_and_never_show_the_password(string value, string description)
    {
        var target = DatabaseTarget.Resolve(value).GetValueOrThrow();
        Assert.Equal(DatabaseProvider.Postgres, target.Provider);
        Assert.Equal(description, target.Description);
        Assert.DoesNotContain("s3cr3t", target.Description, StringComparison.Ordinal);
        Assert.Contains("s3cr3t-value", target.ConnectionString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/var/lib/portcullis/p.db", "/var/lib/portcullis/p.db")]
    [InlineData("Data Source=/tmp/x/portcullis.db", "/tmp/x/portcullis.db")]
    public void Paths_and_sqlite_connection_strings_select_sqlite(string value, string file)
    {
        var target = DatabaseTarget.Resolve(value).GetValueOrThrow();
        Assert.Equal(DatabaseProvider.Sqlite, target.Provider);
        Assert.Equal($"SQLite {file}", target.Description);
    }

    [Theory]
    [InlineData("Host=h;Port=notaport;Database=d", "malformed")]
    [InlineData("Host=h;Username=u", "names no Database")]
    [InlineData("Data Source=;Mode=ReadWrite", "names no file")]
    [InlineData("Data Source=x.db;Bogus Keyword=1", "malformed")]
    public void Bad_connection_strings_name_the_problem_and_the_fix(string value, string expected)
    {
        var result = DatabaseTarget.Resolve(value);
        Assert.False(result.Success);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }
}
