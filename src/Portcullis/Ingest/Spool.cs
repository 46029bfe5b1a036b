using Microsoft.AspNetCore.Http.Features;

namespace Portcullis.Ingest;

/// <summary>
/// Copies a request body to a file before it is read: readers stream synchronously, which Kestrel
/// does not allow on a request body, and a file can be read twice (hash, then parse).
/// </summary>
public static class Spool
{
    public sealed record Spooled(string? Path, string? TooLarge);

    public static async Task<Spooled> RequestBodyAsync(HttpContext context, IngestOptions options, CancellationToken cancellationToken)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = options.MaxUploadBytes;
        }

        if (context.Request.ContentLength > options.MaxUploadBytes)
        {
            return new Spooled(null, TooLargeMessage(options));
        }

        return await ToFileAsync(context.Request.Body, options, cancellationToken);
    }

    public static async Task<Spooled> ToFileAsync(Stream body, IngestOptions options, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.SpoolFolder);
        var path = System.IO.Path.Combine(options.SpoolFolder, Guid.CreateVersion7().ToString("N") + ".part");
        try
        {
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                var buffer = new byte[1 << 16];
                long total = 0;
                int n;
                while ((n = await body.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    total += n;
                    if (total > options.MaxUploadBytes)
                    {
                        throw new InvalidDataException(TooLargeMessage(options));
                    }

                    await file.WriteAsync(buffer.AsMemory(0, n), cancellationToken);
                }
            }

            return new Spooled(path, null);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException)
        {
            File.Delete(path);
            return new Spooled(null, TooLargeMessage(options));
        }
    }

    public static void Delete(string? path)
    {
        if (path is not null && File.Exists(path))
        {
            File.Delete(path);
        }
    }

    private static string TooLargeMessage(IngestOptions options) =>
        $"The upload is larger than the limit of {options.MaxUploadBytes / (1024 * 1024)} MB; split it, or deliver it with `portcullis ingest FILE` or the drop folder.";
}
