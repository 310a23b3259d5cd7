using System.Collections.Concurrent;
using System.Diagnostics;

namespace AuthApi.Tests.Infrastructure;

/// <summary>
/// Records every activity of every source in the process (AuthApi's, ASP.NET Core's, HttpClient's) while it lives, as an
/// exporter would see them. Requests sent with <see cref="Traceparent"/> belong to <see cref="TraceId"/>, which tells this
/// test's spans from those of tests running beside it.
/// </summary>
public sealed class SpanCollector : IDisposable
{
    private readonly ConcurrentQueue<Activity> _started = new();
    private readonly ActivityListener _listener;

    public SpanCollector()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStarted = _started.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public ActivityTraceId TraceId { get; } = ActivityTraceId.CreateRandom();

    /// <summary>The W3C <c>traceparent</c> header that makes a request part of <see cref="TraceId"/>.</summary>
    public string Traceparent => $"00-{TraceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01";

    /// <summary>Every activity started so far, of any test.</summary>
    public IReadOnlyList<Activity> All => [.. _started];

    /// <summary>This test's spans, once each has ended (the server ends a request's span just after answering it).</summary>
    public async Task<IReadOnlyList<Activity>> OfThisTraceAsync()
    {
        Assert.True(await Eventually.IsTrueAsync(() => Task.FromResult(_started.Where(IsOfThisTrace).All(activity => activity.IsStopped))));
        return [.. _started.Where(IsOfThisTrace)];
    }

    /// <summary>Everything an exporter sends of a span as text: its name, status, tags, events and baggage.</summary>
    public static IEnumerable<string> TextOf(Activity activity) =>
        new[] { activity.DisplayName, activity.OperationName, activity.StatusDescription ?? "" }
            .Concat(activity.TagObjects.Select(tag => $"{tag.Key}={tag.Value}"))
            .Concat(activity.Events.SelectMany(e => e.Tags.Select(tag => $"{e.Name} {tag.Key}={tag.Value}")))
            .Concat(activity.Baggage.Select(item => $"{item.Key}={item.Value}"));

    public void Dispose() => _listener.Dispose();

    private bool IsOfThisTrace(Activity activity) => activity.TraceId == TraceId;
}
