using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace SpecClients.Benchmarks.Runtime.Pocos;

// Plain classes equivalent to the generated records the JSON benchmarks read, for System.Text.Json's own source
// generator: the same JSON names, the same value types, enums as their wire values, numbers-as-strings where the
// spec says so (Faspay), and required members where the spec has them.

[JsonSerializable(typeof(FaspayTokenResponse))]
[JsonSerializable(typeof(FincodeTokenResponse))]
[JsonSerializable(typeof(KitegatewayTokenResponse))]
[JsonSerializable(typeof(TorusSessionResponse))]
[JsonSerializable(typeof(Order))]
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class PocoJsonContext : JsonSerializerContext
{
}

public sealed class FaspayTokenResponse
{
    [JsonPropertyName("access_token")] public string? AccessToken { get; set; }
    [JsonPropertyName("expired_in")][JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] public int? ExpiredIn { get; set; }
    [JsonPropertyName("status")] public required string Status { get; set; }
    [JsonPropertyName("message")] public required string Message { get; set; }
    [JsonPropertyName("response_code")] public string? ResponseCode { get; set; }
    [JsonPropertyName("response_desc")] public string? ResponseDesc { get; set; }
}

public sealed class FincodeTokenResponse
{
    [JsonPropertyName("status")] public FincodeStatus? Status { get; set; }
    [JsonPropertyName("message")] public string? Message { get; set; }
    [JsonPropertyName("errorCode")] public long? ErrorCode { get; set; }
    [JsonPropertyName("data")] public FincodeTokenData? Data { get; set; }
}

public sealed class FincodeTokenData
{
    [JsonPropertyName("accountNumber")] public string? AccountNumber { get; set; }
    [JsonPropertyName("accountName")] public string? AccountName { get; set; }
    [JsonPropertyName("accountCurrency")] public string? AccountCurrency { get; set; }
    [JsonPropertyName("receiverMobileNumber")] public string? ReceiverMobileNumber { get; set; }
}

[JsonConverter(typeof(JsonStringEnumConverter<FincodeStatus>))]
public enum FincodeStatus
{
    [JsonStringEnumMemberName("SUCCESS")] Success,
    [JsonStringEnumMemberName("ERROR")] Error,
}

public sealed class KitegatewayTokenResponse
{
    [JsonPropertyName("code")] public int? Code { get; set; }
    [JsonPropertyName("status")] public string? Status { get; set; }
    [JsonPropertyName("message")] public string? Message { get; set; }
    [JsonPropertyName("data")] public KitegatewayTokenData? Data { get; set; }
}

public sealed class KitegatewayTokenData
{
    [JsonPropertyName("token")] public string? Token { get; set; }
    [JsonPropertyName("expires")] public long? Expires { get; set; }
}

public sealed class TorusSessionResponse
{
    [JsonPropertyName("AccessToken")] public string? AccessToken { get; set; }
}

public sealed class Order
{
    [JsonPropertyName("create_time")] public string? CreateTime { get; set; }
    [JsonPropertyName("update_time")] public string? UpdateTime { get; set; }
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("intent")] public CheckoutPaymentIntent? Intent { get; set; }
    [JsonPropertyName("payer")] public Payer? Payer { get; set; }
    [JsonPropertyName("purchase_units")] public List<PurchaseUnit>? PurchaseUnits { get; set; }
    [JsonPropertyName("status")] public OrderStatus? Status { get; set; }
    [JsonPropertyName("links")] public List<LinkDescription>? Links { get; set; }
}

public sealed class Payer
{
    [JsonPropertyName("email_address")] public string? EmailAddress { get; set; }
    [JsonPropertyName("payer_id")] public string? PayerId { get; set; }
    [JsonPropertyName("name")] public Name? Name { get; set; }
    [JsonPropertyName("birth_date")] public string? BirthDate { get; set; }
    [JsonPropertyName("address")] public AddressPortable? Address { get; set; }
}

public sealed class Name
{
    [JsonPropertyName("prefix")] public string? Prefix { get; set; }
    [JsonPropertyName("given_name")] public string? GivenName { get; set; }
    [JsonPropertyName("surname")] public string? Surname { get; set; }
    [JsonPropertyName("middle_name")] public string? MiddleName { get; set; }
    [JsonPropertyName("suffix")] public string? Suffix { get; set; }
    [JsonPropertyName("alternate_full_name")] public string? AlternateFullName { get; set; }
    [JsonPropertyName("full_name")] public string? FullName { get; set; }
}

public sealed class AddressPortable
{
    [JsonPropertyName("address_line_1")] public string? AddressLine1 { get; set; }
    [JsonPropertyName("address_line_2")] public string? AddressLine2 { get; set; }
    [JsonPropertyName("address_line_3")] public string? AddressLine3 { get; set; }
    [JsonPropertyName("admin_area_4")] public string? AdminArea4 { get; set; }
    [JsonPropertyName("admin_area_3")] public string? AdminArea3 { get; set; }
    [JsonPropertyName("admin_area_2")] public string? AdminArea2 { get; set; }
    [JsonPropertyName("admin_area_1")] public string? AdminArea1 { get; set; }
    [JsonPropertyName("postal_code")] public string? PostalCode { get; set; }
    [JsonPropertyName("country_code")] public required string CountryCode { get; set; }
}

public sealed class PurchaseUnit
{
    [JsonPropertyName("reference_id")] public string? ReferenceId { get; set; }
    [JsonPropertyName("amount")] public AmountWithBreakdown? Amount { get; set; }
    [JsonPropertyName("payee")] public Payee? Payee { get; set; }
    [JsonPropertyName("description")] public string? Description { get; set; }
    [JsonPropertyName("custom_id")] public string? CustomId { get; set; }
    [JsonPropertyName("invoice_id")] public string? InvoiceId { get; set; }
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("soft_descriptor")] public string? SoftDescriptor { get; set; }
    [JsonPropertyName("items")] public List<Item>? Items { get; set; }
    [JsonPropertyName("shipping")] public ShippingWithTrackingDetails? Shipping { get; set; }
    [JsonPropertyName("payments")] public PaymentCollection? Payments { get; set; }
}

public sealed class Money
{
    [JsonPropertyName("currency_code")] public required string CurrencyCode { get; set; }
    [JsonPropertyName("value")] public required string Value { get; set; }
}

public sealed class AmountWithBreakdown
{
    [JsonPropertyName("currency_code")] public required string CurrencyCode { get; set; }
    [JsonPropertyName("value")] public required string Value { get; set; }
    [JsonPropertyName("breakdown")] public AmountBreakdown? Breakdown { get; set; }
}

public sealed class AmountBreakdown
{
    [JsonPropertyName("item_total")] public Money? ItemTotal { get; set; }
    [JsonPropertyName("shipping")] public Money? Shipping { get; set; }
    [JsonPropertyName("handling")] public Money? Handling { get; set; }
    [JsonPropertyName("tax_total")] public Money? TaxTotal { get; set; }
    [JsonPropertyName("insurance")] public Money? Insurance { get; set; }
    [JsonPropertyName("shipping_discount")] public Money? ShippingDiscount { get; set; }
    [JsonPropertyName("discount")] public Money? Discount { get; set; }
}

public sealed class Payee
{
    [JsonPropertyName("email_address")] public string? EmailAddress { get; set; }
    [JsonPropertyName("merchant_id")] public string? MerchantId { get; set; }
}

public sealed class Item
{
    [JsonPropertyName("name")] public required string Name { get; set; }
    [JsonPropertyName("unit_amount")] public required Money UnitAmount { get; set; }
    [JsonPropertyName("tax")] public Money? Tax { get; set; }
    [JsonPropertyName("quantity")] public required string Quantity { get; set; }
    [JsonPropertyName("description")] public string? Description { get; set; }
    [JsonPropertyName("sku")] public string? Sku { get; set; }
    [JsonPropertyName("category")] public ItemCategory? Category { get; set; }
}

public sealed class ShippingWithTrackingDetails
{
    [JsonPropertyName("name")] public Name? Name { get; set; }
    [JsonPropertyName("address")] public AddressPortable? Address { get; set; }
}

public sealed class PaymentCollection
{
    [JsonPropertyName("captures")] public List<Capture>? Captures { get; set; }
}

public sealed class Capture
{
    [JsonPropertyName("status")] public CaptureStatus? Status { get; set; }
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("amount")] public Money? Amount { get; set; }
    [JsonPropertyName("invoice_id")] public string? InvoiceId { get; set; }
    [JsonPropertyName("custom_id")] public string? CustomId { get; set; }
    [JsonPropertyName("seller_protection")] public SellerProtection? SellerProtection { get; set; }
    [JsonPropertyName("final_capture")] public bool? FinalCapture { get; set; }
    [JsonPropertyName("seller_receivable_breakdown")] public SellerReceivableBreakdown? SellerReceivableBreakdown { get; set; }
    [JsonPropertyName("links")] public List<LinkDescription>? Links { get; set; }
    [JsonPropertyName("create_time")] public string? CreateTime { get; set; }
    [JsonPropertyName("update_time")] public string? UpdateTime { get; set; }
}

public sealed class SellerProtection
{
    [JsonPropertyName("status")] public SellerProtectionStatus? Status { get; set; }
    [JsonPropertyName("dispute_categories")] public List<DisputeCategory>? DisputeCategories { get; set; }
}

public sealed class SellerReceivableBreakdown
{
    [JsonPropertyName("gross_amount")] public required Money GrossAmount { get; set; }
    [JsonPropertyName("paypal_fee")] public Money? PaypalFee { get; set; }
    [JsonPropertyName("paypal_fee_in_receivable_currency")] public Money? PaypalFeeInReceivableCurrency { get; set; }
    [JsonPropertyName("net_amount")] public Money? NetAmount { get; set; }
    [JsonPropertyName("receivable_amount")] public Money? ReceivableAmount { get; set; }
}

public sealed class LinkDescription
{
    [JsonPropertyName("href")] public required string Href { get; set; }
    [JsonPropertyName("rel")] public required string Rel { get; set; }
    [JsonPropertyName("method")] public LinkMethod? Method { get; set; }
}

[JsonConverter(typeof(JsonStringEnumConverter<CheckoutPaymentIntent>))]
public enum CheckoutPaymentIntent
{
    [JsonStringEnumMemberName("CAPTURE")] Capture,
    [JsonStringEnumMemberName("AUTHORIZE")] Authorize,
}

[JsonConverter(typeof(JsonStringEnumConverter<OrderStatus>))]
public enum OrderStatus
{
    [JsonStringEnumMemberName("CREATED")] Created,
    [JsonStringEnumMemberName("SAVED")] Saved,
    [JsonStringEnumMemberName("APPROVED")] Approved,
    [JsonStringEnumMemberName("VOIDED")] Voided,
    [JsonStringEnumMemberName("COMPLETED")] Completed,
    [JsonStringEnumMemberName("PAYER_ACTION_REQUIRED")] PayerActionRequired,
}

[JsonConverter(typeof(JsonStringEnumConverter<ItemCategory>))]
public enum ItemCategory
{
    [JsonStringEnumMemberName("DIGITAL_GOODS")] DigitalGoods,
    [JsonStringEnumMemberName("PHYSICAL_GOODS")] PhysicalGoods,
    [JsonStringEnumMemberName("DONATION")] Donation,
}

[JsonConverter(typeof(JsonStringEnumConverter<CaptureStatus>))]
public enum CaptureStatus
{
    [JsonStringEnumMemberName("COMPLETED")] Completed,
    [JsonStringEnumMemberName("DECLINED")] Declined,
    [JsonStringEnumMemberName("PARTIALLY_REFUNDED")] PartiallyRefunded,
    [JsonStringEnumMemberName("PENDING")] Pending,
    [JsonStringEnumMemberName("REFUNDED")] Refunded,
    [JsonStringEnumMemberName("FAILED")] Failed,
}

[JsonConverter(typeof(JsonStringEnumConverter<SellerProtectionStatus>))]
public enum SellerProtectionStatus
{
    [JsonStringEnumMemberName("ELIGIBLE")] Eligible,
    [JsonStringEnumMemberName("PARTIALLY_ELIGIBLE")] PartiallyEligible,
    [JsonStringEnumMemberName("NOT_ELIGIBLE")] NotEligible,
}

[JsonConverter(typeof(JsonStringEnumConverter<DisputeCategory>))]
public enum DisputeCategory
{
    [JsonStringEnumMemberName("ITEM_NOT_RECEIVED")] ItemNotReceived,
    [JsonStringEnumMemberName("UNAUTHORIZED_TRANSACTION")] UnauthorizedTransaction,
}

[JsonConverter(typeof(JsonStringEnumConverter<LinkMethod>))]
public enum LinkMethod
{
    [JsonStringEnumMemberName("GET")] Get,
    [JsonStringEnumMemberName("POST")] Post,
    [JsonStringEnumMemberName("PUT")] Put,
    [JsonStringEnumMemberName("DELETE")] Delete,
    [JsonStringEnumMemberName("HEAD")] Head,
    [JsonStringEnumMemberName("CONNECT")] Connect,
    [JsonStringEnumMemberName("OPTIONS")] Options,
    [JsonStringEnumMemberName("PATCH")] Patch,
}
