namespace AuthApi.EndToEndTests.Infrastructure;

/// <summary>The development stack with AuthApi asking the provider for <c>response_mode=form_post</c>.</summary>
public sealed class FormPostStack : RunningStack
{
    protected override IEnumerable<string> MoreArguments => ["--AuthApi:Auth:Providers:dev:ResponseMode", "form_post"];
}

[CollectionDefinition(Name)]
public sealed class FormPostCollection : ICollectionFixture<FormPostStack>, ICollectionFixture<BrowserFixture>
{
    public const string Name = "Running stack with form_post";
}
