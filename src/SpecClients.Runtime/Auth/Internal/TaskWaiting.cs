using System;
using System.Threading;
using System.Threading.Tasks;

namespace SpecClients.Runtime.Auth.Internal;

/// <summary>Waiting for a shared task with a caller's own cancellation, without cancelling the task.</summary>
internal static class TaskWaiting
{
    public static Task<T> WaitWithCancellation<T>(this Task<T> task, CancellationToken cancellationToken)
    {
#if NET
        return task.WaitAsync(cancellationToken);
#else
        if (task.IsCompleted || !cancellationToken.CanBeCanceled)
        {
            return task;
        }

        return cancellationToken.IsCancellationRequested
            ? Task.FromCanceled<T>(cancellationToken)
            : WaitSlowAsync(task, cancellationToken);
#endif
    }

#if !NET
    private static async Task<T> WaitSlowAsync<T>(Task<T> task, CancellationToken cancellationToken)
    {
        var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using (cancellationToken.Register(static state => ((TaskCompletionSource<bool>)state!).TrySetResult(true), cancelled))
        {
            if (await Task.WhenAny(task, cancelled.Task).ConfigureAwait(false) != task)
            {
                throw new OperationCanceledException(cancellationToken);
            }
        }

        return await task.ConfigureAwait(false);
    }
#endif

    public static CancellationTokenSource? CreateTimeoutSource(TimeProvider clock, TimeSpan timeout)
    {
        if (timeout == Timeout.InfiniteTimeSpan)
        {
            return null;
        }
#if NET
        return new CancellationTokenSource(timeout, clock);
#else
        return clock.CreateCancellationTokenSource(timeout);
#endif
    }
}
