using Spectre.Console;

namespace Portcullis.Hosting;

/// <summary>
/// Long work reports steps of a known total: a Spectre.Console progress bar on a terminal, plain
/// lines when output goes to a file or a pipe (so logs stay readable).
/// </summary>
public static class CliProgress
{
    public static bool Interactive => !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    public static async Task<T> RunAsync<T>(string title, int total, Func<Action<string>, Task<T>> work)
    {
        if (!Interactive)
        {
            var done = 0;
            return await work(step =>
            {
                done++;
                Console.WriteLine($"{PortcullisComposition.SystemClock.GetUtcNow():HH:mm:ss} {title}: {done}/{total} {step}");
            });
        }

        return await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask(title, maxValue: total);
                return await work(step =>
                {
                    task.Description = $"{title}: {step}";
                    task.Increment(1);
                });
            });
    }
}
