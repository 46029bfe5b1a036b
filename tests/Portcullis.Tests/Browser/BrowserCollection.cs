namespace Portcullis.Tests.Browser;

/// <summary>
/// Every browser test class shares one server and one Chromium: starting them is most of a small
/// class's time, and the classes of one collection run one after another, so their seeded data
/// (each seeds its own consignments, accounts and days) never races. A class joins with
/// <c>[Collection(BrowserCollection.Name)]</c> and takes <see cref="WebServerFixture"/> in its constructor.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<WebServerFixture>
{
    public const string Name = "browser";
}
