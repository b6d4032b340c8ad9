$version: "2"

namespace bad.numbers

@aws.protocols#restJson1
service Numbers {
    version: "1"
    operations: [Put]
}

@http(method: "PUT", uri: "/put")
operation Put {
    input := {
        @default(300)
        tooBigForByte: Byte

        @default(9223372036854775808)
        tooBigForLong: Long

        @default(1e400)
        tooBigForDouble: Double

        @default(1e2)
        exponentForBigInteger: BigInteger

        @range(min: 1.5)
        fractionalBound: Integer

        @range(min: -18446744073709551616, max: 1e400)
        hugeBoundsAreFine: Integer

        @default(1.7976931348623157E+309)
        hugeDecimalIsFine: BigDecimal
    }
}
