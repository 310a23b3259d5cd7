using System.Diagnostics.Metrics;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace AuthApi.Tests.Infrastructure;

/// <summary>Reads the service's <c>AuthApi</c> meter as a metrics exporter would, through the app's own <see cref="IMeterFactory"/>.</summary>
public static class Measurements
{
    /// <summary>Collects what the instrument records from now on in this app only (each app has its own meter factory).</summary>
    public static MetricCollector<long> Collect(this TestApp app, string instrument) => Collect(app.Factory, instrument);

    public static MetricCollector<long> Collect(AuthApiFactory instance, string instrument) =>
        new(instance.Services.GetRequiredService<IMeterFactory>(), "AuthApi", instrument);

    /// <summary>The sum of the measurements carrying every one of these tags (a null value: the tag is absent).</summary>
    public static long Sum(this MetricCollector<long> collector, params (string Name, string? Value)[] tags) =>
        collector.GetMeasurementSnapshot()
            .Where(measurement => tags.All(tag => Equals(measurement.Tags.GetValueOrDefault(tag.Name), tag.Value)))
            .Sum(measurement => measurement.Value);
}
