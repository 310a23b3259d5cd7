using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Baseline;

/// <summary>
/// Waits of one fixed length, each ended by one thread that sleeps to the microsecond. Not <c>Task.Delay</c>: .NET's timers
/// read a clock that advances by the kernel's tick (4 ms at the common 250 Hz), so a 2 ms delay answers after some 4.5 ms.
/// </summary>
internal sealed class UpstreamWait
{
    private readonly BlockingCollection<(long Due, TaskCompletionSource Done)> waits = new();
    private readonly long length;

    public UpstreamWait(TimeSpan length)
    {
        this.length = (long)(length.TotalSeconds * Stopwatch.Frequency);
        new Thread(EndWaits) { IsBackground = true, Name = "Upstream waits" }.Start();
    }

    public Task WaitAsync()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        waits.Add((Stopwatch.GetTimestamp() + length, done));
        return done.Task;
    }

    // Every wait has the same length, so they end in the order they began: one queue, no sorting.
    private void EndWaits()
    {
        foreach (var (due, done) in waits.GetConsumingEnumerable())
        {
            var left = due - Stopwatch.GetTimestamp();
            if (left > 0)
            {
                _ = Sleep((uint)(left * 1_000_000 / Stopwatch.Frequency));
            }
            done.SetResult();
        }
    }

    // Thread.Sleep takes whole milliseconds; usleep(3) sleeps to the microsecond. The load script runs on Linux only.
    [DllImport("libc", EntryPoint = "usleep")]
    private static extern int Sleep(uint microseconds);
}
