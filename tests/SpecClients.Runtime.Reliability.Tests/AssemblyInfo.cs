using Xunit;

// Timing matters here (timeouts, Retry-After, the soak's token lifetimes): tests run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
