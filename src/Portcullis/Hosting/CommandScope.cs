using Portcullis.Storage;

namespace Portcullis.Hosting;

/// <summary>
/// One command's view of the composed services: the same singletons the server would have, one
/// scope (and so one <see cref="PortcullisDb"/>) for the command, and the principal it acts as.
/// </summary>
public sealed class CommandScope : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly AsyncServiceScope _scope;

    internal CommandScope(IHost host)
    {
        _host = host;
        _scope = host.Services.CreateAsyncScope();
    }

    public Database Database => Get<Database>();

    public TimeProvider Clock => Get<TimeProvider>();

    /// <summary>The command's own unit of work: one context for everything the command changes.</summary>
    public PortcullisDb Db => Get<PortcullisDb>();

    /// <summary>
    /// Who a command acts as: whoever may run it has the database in hand, so it is not
    /// role-checked, but everything it changes is audited under the operating-system user's name.
    /// </summary>
    public string Actor { get; } = "cli:" + Environment.UserName;

    /// <summary>Commits what the command changed, in one transaction; a command that refuses never calls it.</summary>
    public Task CommitAsync(CancellationToken cancellationToken) => Get<UnitOfWork>().CommitAsync(cancellationToken);

    public T Get<T>()
        where T : notnull => _scope.ServiceProvider.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await _scope.DisposeAsync();
        _host.Dispose();
    }
}
