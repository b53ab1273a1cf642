using System.Text;

namespace SpecClients.Benchmarks.Runtime;

/// <summary>Response bodies as the providers send them (values made up), and a PayPal order with every member known to both readers.</summary>
internal static class JsonPayloads
{
    public static readonly byte[] FaspayToken = Utf8("""
        {"access_token":"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI5OTIwMDAwMDI4In0.c2lnbmF0dXJl","expired_in":"3600","status":"2","message":"Success","response_code":"00","response_desc":"Success"}
        """);

    public static readonly byte[] FincodeToken = Utf8("""
        {"status":"SUCCESS","message":"Token generated successfully","errorCode":0,"data":{"accountNumber":"1234567890","accountName":"Benchmark Merchant","accountCurrency":"USD","receiverMobileNumber":null}}
        """);

    public static readonly byte[] KitegatewayToken = Utf8("""
        {"code":200,"status":"success","message":"Token generated","data":{"token":"eyJhbGciOiJIUzI1NiJ9.eyJtZXJjaGFudCI6ImJlbmNoIn0.c2lnbmF0dXJl","expires":1767225600}}
        """);

    public static readonly byte[] TorusSession = Utf8("""
        {"AccessToken":"eyJhbGciOiJIUzI1NiJ9.eyJ1c2VyIjoiYmVuY2gifQ.c2lnbmF0dXJl"}
        """);

    public static readonly byte[] PayPalOrder = Utf8(BuildOrder());

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static string Money(string value) => "{\"currency_code\":\"USD\",\"value\":\"" + value + "\"}";

    private static string Link(string rel, string method) => "{\"href\":\"https://api-m.paypal.com/v2/checkout/orders/5O190127TN364715T/" + rel + "\",\"rel\":\"" + rel + "\",\"method\":\"" + method + "\"}";

    private static string BuildOrder()
    {
        var order = new StringBuilder();
        order.Append("{\"id\":\"5O190127TN364715T\",\"intent\":\"CAPTURE\",\"status\":\"COMPLETED\",")
            .Append("\"create_time\":\"2024-02-01T10:15:00Z\",\"update_time\":\"2024-02-01T10:16:30Z\",")
            .Append("\"payer\":{\"name\":{\"given_name\":\"John\",\"surname\":\"Doe\"},\"email_address\":\"customer@example.com\",\"payer_id\":\"QYR5Z8XDVJNXQ\",\"address\":{\"country_code\":\"US\"}},")
            .Append("\"purchase_units\":[");
        for (var unit = 0; unit < 2; unit++)
        {
            order.Append(unit == 0 ? string.Empty : ",")
                .Append("{\"reference_id\":\"unit-").Append(unit).Append("\",")
                .Append("\"amount\":{\"currency_code\":\"USD\",\"value\":\"230.00\",\"breakdown\":{\"item_total\":").Append(Money("210.00"))
                .Append(",\"shipping\":").Append(Money("10.00")).Append(",\"tax_total\":").Append(Money("10.00")).Append("}},")
                .Append("\"payee\":{\"email_address\":\"merchant@example.com\",\"merchant_id\":\"C7CYMKZDG8D6E\"},")
                .Append("\"description\":\"Sporting goods\",\"custom_id\":\"CUST-HighFashions\",\"invoice_id\":\"INV-HighFashions-").Append(unit).Append("\",\"soft_descriptor\":\"HighFashions\",")
                .Append("\"items\":[");
            for (var item = 0; item < 3; item++)
            {
                order.Append(item == 0 ? string.Empty : ",")
                    .Append("{\"name\":\"T-Shirt ").Append(item).Append("\",\"unit_amount\":").Append(Money("70.00")).Append(",\"tax\":").Append(Money("3.33"))
                    .Append(",\"quantity\":\"1\",\"description\":\"Green XL\",\"sku\":\"sku0").Append(item).Append("\",\"category\":\"PHYSICAL_GOODS\"}");
            }

            order.Append("],\"shipping\":{\"name\":{\"full_name\":\"John Doe\"},\"address\":{\"address_line_1\":\"123 Townsend St\",\"address_line_2\":\"Floor 6\",\"admin_area_2\":\"San Francisco\",\"admin_area_1\":\"CA\",\"postal_code\":\"94107\",\"country_code\":\"US\"}},")
                .Append("\"payments\":{\"captures\":[{\"id\":\"3C679366HH908993F\",\"status\":\"COMPLETED\",\"amount\":").Append(Money("230.00"))
                .Append(",\"final_capture\":true,\"seller_protection\":{\"status\":\"ELIGIBLE\",\"dispute_categories\":[\"ITEM_NOT_RECEIVED\",\"UNAUTHORIZED_TRANSACTION\"]},")
                .Append("\"seller_receivable_breakdown\":{\"gross_amount\":").Append(Money("230.00")).Append(",\"paypal_fee\":").Append(Money("7.00")).Append(",\"net_amount\":").Append(Money("223.00")).Append("},")
                .Append("\"links\":[").Append(Link("self", "GET")).Append(',').Append(Link("refund", "POST")).Append(',').Append(Link("up", "GET")).Append("],")
                .Append("\"create_time\":\"2024-02-01T10:16:30Z\",\"update_time\":\"2024-02-01T10:16:30Z\"}]}}");
        }

        order.Append("],\"links\":[").Append(Link("self", "GET")).Append(',').Append(Link("capture", "POST")).Append("]}");
        return order.ToString();
    }
}
