using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portcullis.Tests.Infrastructure;

namespace Portcullis.Tests.Hosting;

/// <summary>
/// Every operation of the API document, called by the most privileged person who may call it,
/// with boundary values derived from its schema: never a 5xx, every 4xx an RFC 9457 problem, and
/// no problem echoes more than a short prefix of what was sent.
/// </summary>
public sealed class BoundaryInputTests
{
    // Most privileged first: each operation is probed by the first who gets past authorization.
    private static readonly string[] People = ["admin", "supervisor", "analyst", "auditor", "scananalyst", "inspector", "terminal", "police"];

    private const char Filler = 'x';

    private static readonly string Huge = new(Filler, 1 << 20);

    private static readonly string Today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    [Trait("Category", "security")]
    public async Task No_boundary_input_to_any_operation_answers_5xx_or_anything_but_a_short_problem()
    {
        await using var host = await ApiHost.StartAsync(Provider.Sqlite);
        var clients = new Dictionary<string, HttpClient>();
        foreach (var person in People)
        {
            clients[person] = await host.SignInAsync(person);
        }

        using var anonymous = host.Anonymous();
        var document = JsonNode.Parse(await anonymous.GetStringAsync("/openapi/v1.json"))!;
        var schemas = document["components"]?["schemas"]?.AsObject() ?? [];
        var failures = new List<string>();
        var probed = 0;
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, node) in item!.AsObject())
            {
                var operation = node!.AsObject();
                var parameters = operation["parameters"]?.AsArray().Select(p => p!.AsObject()).ToList() ?? [];
                var bodySchema = operation["requestBody"]?["content"]?["application/json"]?["schema"];
                if (parameters.Count == 0 && bodySchema is null)
                {
                    continue;
                }

                var baseline = bodySchema is null ? null : Plain(bodySchema, schemas, 0);
                string Url(string? name = null, string? value = null)
                {
                    var url = path;
                    var query = new List<string>();
                    foreach (var p in parameters)
                    {
                        var n = (string)p["name"]!;
                        var v = n == name ? value : PlainText(p["schema"], schemas);
                        if ((string?)p["in"] == "path")
                        {
                            url = url.Replace("{" + n + "}", Uri.EscapeDataString(v ?? ""), StringComparison.Ordinal);
                        }
                        else if (v is not null)
                        {
                            query.Add(n + "=" + Uri.EscapeDataString(v));
                        }
                    }

                    return query.Count == 0 ? url : url + "?" + string.Join('&', query);
                }

                HttpClient? client = null;
                string? caller = null;
                foreach (var person in People)
                {
                    using var tried = await SendAsync(clients[person], method, Url(), baseline?.ToJsonString());
                    if (tried.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden))
                    {
                        (client, caller) = (clients[person], person);
                        break;
                    }
                }

                if (client is null)
                {
                    // Nobody signed in may call it (e.g. a signed partner callback); the access matrix covers it.
                    continue;
                }

                var cases = new List<(string Url, string? Body)>();
                foreach (var p in parameters)
                {
                    var inPath = (string?)p["in"] == "path";
                    foreach (var value in TextBoundaries(p["schema"], schemas, inPath))
                    {
                        cases.Add((Url((string)p["name"]!, value), baseline?.ToJsonString()));
                    }
                }

                if (bodySchema is not null)
                {
                    cases.Add((Url(), "{"));
                    cases.Add((Url(), "null"));
                    cases.AddRange(Variants(bodySchema, schemas, 0).Select(v => (Url(), (string?)(v?.ToJsonString() ?? "null"))));
                }

                foreach (var (url, body) in cases)
                {
                    probed++;
                    using var response = await SendAsync(client, method, url, body);
                    var text = await response.Content.ReadAsStringAsync();
                    var status = (int)response.StatusCode;
                    var what = $"{method.ToUpperInvariant()} {Cut(url)} as {caller} with {Cut(body)} → {status}";
                    if (status >= 500)
                    {
                        failures.Add($"{what}: {Cut(text)}");
                    }
                    else if (status >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                    {
                        failures.Add($"{what}: not a problem ({response.Content.Headers.ContentType?.MediaType ?? "no content type"})");
                    }
                    else if (status >= 400 && (text.Contains(new string(Filler, 200), StringComparison.Ordinal) || text.Length > 2000))
                    {
                        failures.Add($"{what}: echoes {text.Length} characters: {Cut(text)}");
                    }
                }
            }
        }

        foreach (var client in clients.Values)
        {
            client.Dispose();
        }

        Assert.True(probed > 1000, $"only {probed} requests were probed");
        Assert.True(failures.Count == 0, $"{failures.Count} of {probed} boundary requests failed:\n" + string.Join('\n', failures.Distinct().Take(80)));
    }

    [Fact]
    [Trait("Category", "security")]
    public async Task An_unhandled_exception_is_logged_through_ILogger_with_its_trace_and_answers_a_problem_without_it()
    {
        var clock = new FailingClock();
        var log = new CapturingLoggerProvider();
        await using var host = await ApiHost.StartAsync(Provider.Sqlite, configure: b =>
        {
            b.Services.AddSingleton<TimeProvider>(clock);
            b.Logging.AddProvider(log);
        });
        using var supervisor = await host.SignInAsync("supervisor");

        clock.Fail = true;
        using var response = await supervisor.GetAsync($"/api/v1/selections?hub=RTM&date={Today}");
        clock.Fail = false;

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(FailingClock.Message, body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", body, StringComparison.Ordinal);
        var entry = Assert.Single(log.Entries, e => e.Level == LogLevel.Error && e.Exception?.Message == FailingClock.Message);
        Assert.Equal(1001, entry.EventId);
        // The caller can report the id under which the trace was logged.
        var detail = JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString()!;
        Assert.Contains(entry.Message.Split("(trace ")[1].TrimEnd(')', '.'), detail, StringComparison.Ordinal);
        // Errors go to stderr, not to stdout with the banner.
        var console = host.Services.GetRequiredService<IOptions<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>>().Value;
        Assert.Equal(LogLevel.Error, console.LogToStandardErrorThreshold);
    }

    [Theory]
    [Trait("Category", "security")]
    [InlineData("GET", "/api/v1/capacity/RTM/9999-12-31", null, "date")]
    [InlineData("GET", "/api/v1/capacity/RTM/0001-01-01", null, "date")]
    [InlineData("POST", "/api/v1/selections/plan", """{"hub":"RTM"}""", "date")]
    [InlineData("POST", "/api/v1/risk/score", """{"goods":[{"hsCode":"080390","grossKg":"NaN"}]}""", "goods[0].grossKg")]
    [InlineData("POST", "/api/v1/risk/score", """{"goods":[{"hsCode":"080390","grossKg":-1e308}]}""", "goods[0].grossKg")]
    [InlineData("POST", "/api/v1/risk/score", """{"goods":[null]}""", "goods[0]")]
    public async Task Out_of_range_input_is_refused_in_one_sentence_naming_the_field(string method, string url, string? body, string field)
    {
        await using var host = await ApiHost.StartAsync(Provider.Sqlite);
        using var supervisor = await host.SignInAsync("supervisor");
        using var response = await SendAsync(supervisor, method, url, body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var detail = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString()!;
        Assert.StartsWith(field + " ", detail, StringComparison.Ordinal);
        Assert.Single(detail.Split("; "), part => part.StartsWith("send", StringComparison.Ordinal));
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string url, string? body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), url);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return await client.SendAsync(request);
    }

    private static string Cut(string? text) => text is null ? "no body" : text.Length > 160 ? text[..160] + $"… ({text.Length})" : text;

    private static JsonObject Resolve(JsonNode? schema, JsonObject schemas) =>
        schema?["$ref"] is { } reference ? schemas[((string)reference!).Split('/')[^1]]!.AsObject() : schema?.AsObject() ?? [];

    private static HashSet<string> Types(JsonObject schema) => schema["type"] switch
    {
        JsonArray many => [.. many.Select(t => (string)t!)],
        JsonValue one => [(string)one!],
        _ => [],
    };

    /// <summary>A plausible value of the schema: the baseline that one boundary value at a time replaces.</summary>
    private static JsonNode? Plain(JsonNode? node, JsonObject schemas, int depth)
    {
        var schema = Resolve(node, schemas);
        var types = Types(schema);
        if (types.Contains("object") || schema["properties"] is not null)
        {
            var result = new JsonObject();
            foreach (var (name, property) in schema["properties"]?.AsObject() ?? [])
            {
                result[name] = depth < 3 ? Plain(property, schemas, depth + 1) : null;
            }

            return result;
        }

        if (types.Contains("array"))
        {
            return new JsonArray();
        }

        if (types.Contains("integer") || types.Contains("number"))
        {
            return 1;
        }

        return types.Contains("boolean") ? true : PlainText(schema, schemas);
    }

    private static string PlainText(JsonNode? node, JsonObject schemas)
    {
        var schema = Resolve(node, schemas);
        var types = Types(schema);
        return (string?)schema["format"] switch
        {
            "date" => Today,
            "date-time" => Today + "T08:00:00Z",
            "uuid" => "00000000-0000-0000-0000-000000000001",
            _ when types.Contains("integer") || types.Contains("number") => "1",
            _ when types.Contains("boolean") => "true",
            _ => "RTM",
        };
    }

    private static IEnumerable<string> TextBoundaries(JsonNode? node, JsonObject schemas, bool inPath)
    {
        var schema = Resolve(node, schemas);
        var types = Types(schema);
        string[] common = ["0001-01-01", "9999-12-31", "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff", new string(Filler, 300)];
        string[] numbers = types.Contains("integer") || types.Contains("number") ? ["2147483647", "-2147483648", "1e308", "-1e308", "NaN", "-1", "0"] : [];
        // A NUL in the path is refused by Kestrel (and by the test client) before the application sees it.
        string[] loose = inPath ? [] : ["", Huge, "a\0b"];
        return [.. common, .. numbers, .. loose];
    }

    /// <summary>The baseline with one boundary value at a time, recursively into objects and list items.</summary>
    private static IEnumerable<JsonNode?> Variants(JsonNode? node, JsonObject schemas, int depth)
    {
        var schema = Resolve(node, schemas);
        var types = Types(schema);
        yield return null;
        if (types.Contains("object") || schema["properties"] is not null)
        {
            yield return new JsonObject();
            if (depth >= 3)
            {
                yield break;
            }

            foreach (var (name, property) in schema["properties"]?.AsObject() ?? [])
            {
                foreach (var value in Variants(property, schemas, depth + 1))
                {
                    var changed = Plain(schema, schemas, depth)!.AsObject();
                    changed[name] = value?.DeepClone();
                    yield return changed;
                }
            }
        }

        if (types.Contains("array"))
        {
            yield return new JsonArray();
            foreach (var value in Variants(schema["items"], schemas, depth + 1))
            {
                yield return new JsonArray(value?.DeepClone());
            }
        }

        if (types.Contains("integer") || types.Contains("number"))
        {
            foreach (var value in new JsonNode[] { 2147483647, -2147483648, 1e308, -1e308, "NaN", "Infinity", -1, 0 })
            {
                yield return value;
            }
        }

        if (types.Contains("string"))
        {
            foreach (var value in new[] { "", Huge, "a\0b", "0001-01-01", "9999-12-31", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "NaN" })
            {
                yield return value;
            }
        }
    }

    private sealed class FailingClock : TimeProvider
    {
        public const string Message = "The clock broke (test).";

        public volatile bool Fail;

        public override DateTimeOffset GetUtcNow() => Fail ? throw new InvalidOperationException(Message) : base.GetUtcNow();
    }

    private sealed record Entry(LogLevel Level, int EventId, string Message, Exception? Exception);

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        private readonly List<Entry> _entries = [];

        public IReadOnlyList<Entry> Entries
        {
            get
            {
                lock (_entries)
                {
                    return [.. _entries];
                }
            }
        }

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturingLoggerProvider owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (owner._entries)
                {
                    owner._entries.Add(new Entry(logLevel, eventId.Id, formatter(state, exception), exception));
                }
            }
        }
    }
}
