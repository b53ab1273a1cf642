using Xunit;

// The SpecClients.Auth meter and activity source are process-wide: tests that assert on them must not overlap with
// tests that request or refresh tokens. The whole project runs in a few seconds, so it simply runs serially.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
