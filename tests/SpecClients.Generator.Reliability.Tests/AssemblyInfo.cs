using Xunit;

// One generator worker process, shared: the machine has two cores and other work on them.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
