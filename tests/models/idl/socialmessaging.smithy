// AWS End User Messaging Social, operation AssociateWhatsAppBusinessAccount: model/socialmessaging.json
// written by hand in the Smithy IDL. `smithy-codegen ast` prints the same JSON AST for both files.
$version: "2"

namespace com.amazonaws.socialmessaging

use aws.api#service
use aws.auth#sigv4
use aws.protocols#restJson1

/// <p><i>Amazon Web Services End User Messaging Social</i>, also referred to as Social messaging, is a messaging service that enables application developers to incorporate WhatsApp into their existing workflows.</p>
@service(
    sdkId: "SocialMessaging"
    arnNamespace: "social-messaging"
    cloudTrailEventSource: "social-messaging.amazonaws.com"
    endpointPrefix: "social-messaging"
)
@sigv4(name: "social-messaging")
@restJson1
@title("AWS End User Messaging Social")
@smithy.rules#endpointRuleSet({
    "version": "1.0",
    "parameters": {
        "Region": {
            "builtIn": "AWS::Region",
            "required": false,
            "documentation": "The AWS region used to dispatch the request.",
            "type": "string"
        },
        "UseDualStack": {
            "builtIn": "AWS::UseDualStack",
            "required": true,
            "default": false,
            "documentation": "When true, use the dual-stack endpoint. If the configured endpoint does not support dual-stack, dispatching the request MAY return an error.",
            "type": "boolean"
        },
        "UseFIPS": {
            "builtIn": "AWS::UseFIPS",
            "required": true,
            "default": false,
            "documentation": "When true, send this request to the FIPS-compliant regional endpoint. If the configured endpoint does not have a FIPS compliant endpoint, dispatching the request will return an error.",
            "type": "boolean"
        },
        "Endpoint": {
            "builtIn": "SDK::Endpoint",
            "required": false,
            "documentation": "Override the endpoint used to send this request",
            "type": "string"
        }
    },
    "rules": [
        {
            "conditions": [
                {
                    "fn": "isSet",
                    "argv": [
                        {
                            "ref": "Endpoint"
                        }
                    ]
                }
            ],
            "rules": [
                {
                    "conditions": [
                        {
                            "fn": "booleanEquals",
                            "argv": [
                                {
                                    "ref": "UseFIPS"
                                },
                                true
                            ]
                        }
                    ],
                    "error": "Invalid Configuration: FIPS and custom endpoint are not supported",
                    "type": "error"
                },
                {
                    "conditions": [],
                    "rules": [
                        {
                            "conditions": [
                                {
                                    "fn": "booleanEquals",
                                    "argv": [
                                        {
                                            "ref": "UseDualStack"
                                        },
                                        true
                                    ]
                                }
                            ],
                            "error": "Invalid Configuration: Dualstack and custom endpoint are not supported",
                            "type": "error"
                        },
                        {
                            "conditions": [],
                            "endpoint": {
                                "url": {
                                    "ref": "Endpoint"
                                },
                                "properties": {},
                                "headers": {}
                            },
                            "type": "endpoint"
                        }
                    ],
                    "type": "tree"
                }
            ],
            "type": "tree"
        },
        {
            "conditions": [],
            "rules": [
                {
                    "conditions": [
                        {
                            "fn": "isSet",
                            "argv": [
                                {
                                    "ref": "Region"
                                }
                            ]
                        }
                    ],
                    "rules": [
                        {
                            "conditions": [
                                {
                                    "fn": "aws.partition",
                                    "argv": [
                                        {
                                            "ref": "Region"
                                        }
                                    ],
                                    "assign": "PartitionResult"
                                }
                            ],
                            "rules": [
                                {
                                    "conditions": [
                                        {
                                            "fn": "booleanEquals",
                                            "argv": [
                                                {
                                                    "ref": "UseFIPS"
                                                },
                                                true
                                            ]
                                        },
                                        {
                                            "fn": "booleanEquals",
                                            "argv": [
                                                {
                                                    "ref": "UseDualStack"
                                                },
                                                true
                                            ]
                                        }
                                    ],
                                    "rules": [
                                        {
                                            "conditions": [
                                                {
                                                    "fn": "booleanEquals",
                                                    "argv": [
                                                        true,
                                                        {
                                                            "fn": "getAttr",
                                                            "argv": [
                                                                {
                                                                    "ref": "PartitionResult"
                                                                },
                                                                "supportsFIPS"
                                                            ]
                                                        }
                                                    ]
                                                },
                                                {
                                                    "fn": "booleanEquals",
                                                    "argv": [
                                                        true,
                                                        {
                                                            "fn": "getAttr",
                                                            "argv": [
                                                                {
                                                                    "ref": "PartitionResult"
                                                                },
                                                                "supportsDualStack"
                                                            ]
                                                        }
                                                    ]
                                                }
                                            ],
                                            "rules": [
                                                {
                                                    "conditions": [],
                                                    "rules": [
                                                        {
                                                            "conditions": [],
                                                            "endpoint": {
                                                                "url": "https://social-messaging-fips.{Region}.{PartitionResult#dualStackDnsSuffix}",
                                                                "properties": {},
                                                                "headers": {}
                                                            },
                                                            "type": "endpoint"
                                                        }
                                                    ],
                                                    "type": "tree"
                                                }
                                            ],
                                            "type": "tree"
                                        },
                                        {
                                            "conditions": [],
                                            "error": "FIPS and DualStack are enabled, but this partition does not support one or both",
                                            "type": "error"
                                        }
                                    ],
                                    "type": "tree"
                                },
                                {
                                    "conditions": [
                                        {
                                            "fn": "booleanEquals",
                                            "argv": [
                                                {
                                                    "ref": "UseFIPS"
                                                },
                                                true
                                            ]
                                        }
                                    ],
                                    "rules": [
                                        {
                                            "conditions": [
                                                {
                                                    "fn": "booleanEquals",
                                                    "argv": [
                                                        {
                                                            "fn": "getAttr",
                                                            "argv": [
                                                                {
                                                                    "ref": "PartitionResult"
                                                                },
                                                                "supportsFIPS"
                                                            ]
                                                        },
                                                        true
                                                    ]
                                                }
                                            ],
                                            "rules": [
                                                {
                                                    "conditions": [],
                                                    "rules": [
                                                        {
                                                            "conditions": [],
                                                            "endpoint": {
                                                                "url": "https://social-messaging-fips.{Region}.{PartitionResult#dnsSuffix}",
                                                                "properties": {},
                                                                "headers": {}
                                                            },
                                                            "type": "endpoint"
                                                        }
                                                    ],
                                                    "type": "tree"
                                                }
                                            ],
                                            "type": "tree"
                                        },
                                        {
                                            "conditions": [],
                                            "error": "FIPS is enabled but this partition does not support FIPS",
                                            "type": "error"
                                        }
                                    ],
                                    "type": "tree"
                                },
                                {
                                    "conditions": [
                                        {
                                            "fn": "booleanEquals",
                                            "argv": [
                                                {
                                                    "ref": "UseDualStack"
                                                },
                                                true
                                            ]
                                        }
                                    ],
                                    "rules": [
                                        {
                                            "conditions": [
                                                {
                                                    "fn": "booleanEquals",
                                                    "argv": [
                                                        true,
                                                        {
                                                            "fn": "getAttr",
                                                            "argv": [
                                                                {
                                                                    "ref": "PartitionResult"
                                                                },
                                                                "supportsDualStack"
                                                            ]
                                                        }
                                                    ]
                                                }
                                            ],
                                            "rules": [
                                                {
                                                    "conditions": [],
                                                    "rules": [
                                                        {
                                                            "conditions": [],
                                                            "endpoint": {
                                                                "url": "https://social-messaging.{Region}.{PartitionResult#dualStackDnsSuffix}",
                                                                "properties": {},
                                                                "headers": {}
                                                            },
                                                            "type": "endpoint"
                                                        }
                                                    ],
                                                    "type": "tree"
                                                }
                                            ],
                                            "type": "tree"
                                        },
                                        {
                                            "conditions": [],
                                            "error": "DualStack is enabled but this partition does not support DualStack",
                                            "type": "error"
                                        }
                                    ],
                                    "type": "tree"
                                },
                                {
                                    "conditions": [],
                                    "rules": [
                                        {
                                            "conditions": [],
                                            "endpoint": {
                                                "url": "https://social-messaging.{Region}.{PartitionResult#dnsSuffix}",
                                                "properties": {},
                                                "headers": {}
                                            },
                                            "type": "endpoint"
                                        }
                                    ],
                                    "type": "tree"
                                }
                            ],
                            "type": "tree"
                        }
                    ],
                    "type": "tree"
                },
                {
                    "conditions": [],
                    "error": "Invalid Configuration: Missing Region",
                    "type": "error"
                }
            ],
            "type": "tree"
        }
    ]
})
@smithy.rules#endpointTests({
    "testCases": [
        {
            "documentation": "For region us-east-1 with FIPS enabled and DualStack enabled",
            "expect": {
                "endpoint": {
                    "url": "https://social-messaging-fips.us-east-1.api.aws"
                }
            },
            "params": {
                "Region": "us-east-1",
                "UseFIPS": true,
                "UseDualStack": true
            }
        },
        {
            "documentation": "For region us-east-1 with FIPS enabled and DualStack disabled",
            "expect": {
                "endpoint": {
                    "url": "https://social-messaging-fips.us-east-1.amazonaws.com"
                }
            },
            "params": {
                "Region": "us-east-1",
                "UseFIPS": true,
                "UseDualStack": false
            }
        },
        {
            "documentation": "For region us-east-1 with FIPS disabled and DualStack enabled",
            "expect": {
                "endpoint": {
                    "url": "https://social-messaging.us-east-1.api.aws"
                }
            },
            "params": {
                "Region": "us-east-1",
                "UseFIPS": false,
                "UseDualStack": true
            }
        },
        {
            "documentation": "For region us-east-1 with FIPS disabled and DualStack disabled",
            "expect": {
                "endpoint": {
                    "url": "https://social-messaging.us-east-1.amazonaws.com"
                }
            },
            "params": {
                "Region": "us-east-1",
                "UseFIPS": false,
                "UseDualStack": false
            }
        },
        {
            "documentation": "For region cn-north-1 with FIPS enabled and DualStack enabled",
            "expect": {
                "endpoint": {
                    "url": "https://social-messaging-fips.cn-north-1.api.amazonwebservices.com.cn"
                }
            },
            "params": {
                "Region": "cn-north-1",
                "UseFIPS": true,
                "UseDualStack": true
            }
        },
        {
            "documentation": "For region cn-north-1 with FIPS enabled and DualStack disabled",
            "expect": {
                "endpoint": {
                    "url": "https://social-messaging-fips.cn-north-1.amazonaws.com.cn"
                }
            },
            "params": {
                "Region": "cn-north-1",
                "UseFIPS": true,
                "UseDualStack": false
            }
        },
        {
            "documentation": "For region cn-north-1 with FIPS disabled and DualStack enabled",
            "expect": {
                "endpoint": {
                    "url": "https://social-messaging.cn-north-1.api.amazonwebservices.com.cn"
                }
            },
            "params": {
                "Region": "cn-north-1",
                "UseFIPS": false,
                "UseDualStack": true
            }
        },
        {
            "documentation": "For region cn-north-1 with FIPS disabled and DualStack disabled",
            "expect": {
                "endpoint": {
                    "url": "https://social-messaging.cn-north-1.amazonaws.com.cn"
                }
            },
            "params": {
                "Region": "cn-north-1",
                "UseFIPS": false,
                "UseDualStack": false
            }
        },
        {
            "documentation": "For region us-gov-east-1 with FIPS enabled and DualStack enabled",
            "expect": {
                "endpoint": {
                    "url": "https://social-messaging-fips.us-gov-east-1.api.aws"
                }
            },
            "params": {
                "Region": "us-gov-east-1",
                "UseFIPS": true,
                "UseDualStack": true
            }
        },
        {
            "documentation": "For region us-gov-east-1 with FIPS enabled and DualStack disabled",
            "expect": {
                "endpoint": {
                    "url": "https://social-messaging-fips.us-gov-east-1.amazonaws.com"
                }
            },
            "params": {
                "Region": "us-gov-east-1",
                "UseFIPS": true,
                "UseDualStack": false
            }
        },
        {
            "documentation": "For region us-gov-east-1 with FIPS disabled and DualStack enabled",
            "expect": {
                "endpoint": {
                    "url": "https://social-messaging.us-gov-east-1.api.aws"
                }
            },
            "params": {
                "Region": "us-gov-east-1",
                "UseFIPS": false,
                "UseDualStack": true
            }
        },
        {
            "documentation": "For region us-gov-east-1 with FIPS disabled and DualStack disabled",
            "expect": {
                "endpoint": {
                    "url": "https://social-messaging.us-gov-east-1.amazonaws.com"
                }
            },
            "params": {
                "Region": "us-gov-east-1",
                "UseFIPS": false,
                "UseDualStack": false
            }
        },
        {
            "documentation": "For region us-iso-east-1 with FIPS enabled and DualStack disabled",
            "expect": {
                "endpoint": {
                    "url": "https://social-messaging-fips.us-iso-east-1.c2s.ic.gov"
                }
            },
            "params": {
                "Region": "us-iso-east-1",
                "UseFIPS": true,
                "UseDualStack": false
            }
        },
        {
            "documentation": "For region us-iso-east-1 with FIPS disabled and DualStack disabled",
            "expect": {
                "endpoint": {
                    "url": "https://social-messaging.us-iso-east-1.c2s.ic.gov"
                }
            },
            "params": {
                "Region": "us-iso-east-1",
                "UseFIPS": false,
                "UseDualStack": false
            }
        },
        {
            "documentation": "For region us-isob-east-1 with FIPS enabled and DualStack disabled",
            "expect": {
                "endpoint": {
                    "url": "https://social-messaging-fips.us-isob-east-1.sc2s.sgov.gov"
                }
            },
            "params": {
                "Region": "us-isob-east-1",
                "UseFIPS": true,
                "UseDualStack": false
            }
        },
        {
            "documentation": "For region us-isob-east-1 with FIPS disabled and DualStack disabled",
            "expect": {
                "endpoint": {
                    "url": "https://social-messaging.us-isob-east-1.sc2s.sgov.gov"
                }
            },
            "params": {
                "Region": "us-isob-east-1",
                "UseFIPS": false,
                "UseDualStack": false
            }
        },
        {
            "documentation": "For custom endpoint with region set and fips disabled and dualstack disabled",
            "expect": {
                "endpoint": {
                    "url": "https://example.com"
                }
            },
            "params": {
                "Region": "us-east-1",
                "UseFIPS": false,
                "UseDualStack": false,
                "Endpoint": "https://example.com"
            }
        },
        {
            "documentation": "For custom endpoint with region not set and fips disabled and dualstack disabled",
            "expect": {
                "endpoint": {
                    "url": "https://example.com"
                }
            },
            "params": {
                "UseFIPS": false,
                "UseDualStack": false,
                "Endpoint": "https://example.com"
            }
        },
        {
            "documentation": "For custom endpoint with fips enabled and dualstack disabled",
            "expect": {
                "error": "Invalid Configuration: FIPS and custom endpoint are not supported"
            },
            "params": {
                "Region": "us-east-1",
                "UseFIPS": true,
                "UseDualStack": false,
                "Endpoint": "https://example.com"
            }
        },
        {
            "documentation": "For custom endpoint with fips disabled and dualstack enabled",
            "expect": {
                "error": "Invalid Configuration: Dualstack and custom endpoint are not supported"
            },
            "params": {
                "Region": "us-east-1",
                "UseFIPS": false,
                "UseDualStack": true,
                "Endpoint": "https://example.com"
            }
        },
        {
            "documentation": "Missing region",
            "expect": {
                "error": "Invalid Configuration: Missing Region"
            }
        }
    ],
    "version": "1.0"
})
service SocialMessaging {
    version: "2024-01-01"
    operations: [
        AssociateWhatsAppBusinessAccount
    ]
    errors: [
        AccessDeniedException
        ValidationException
    ]
}

/// <p>This is only used through the Amazon Web Services console during sign-up to associate your WhatsApp Business Account to your Amazon Web Services account.</p>
@http(method: "POST", uri: "/v1/whatsapp/signup", code: 200)
operation AssociateWhatsAppBusinessAccount {
    input: AssociateWhatsAppBusinessAccountInput
    output: AssociateWhatsAppBusinessAccountOutput
    errors: [
        DependencyException
        InvalidParametersException
        ThrottledRequestException
    ]
}

@input
structure AssociateWhatsAppBusinessAccountInput {
    /// <p>Contains the callback access token.</p>
    signupCallback: WhatsAppSignupCallback

    /// <p>A JSON object that contains the phone numbers and WhatsApp Business Account to link to your account.</p>
    setupFinalization: WhatsAppSetupFinalization
}

@output
structure AssociateWhatsAppBusinessAccountOutput {
    /// <p>Contains your WhatsApp registration status.</p>
    signupCallbackResult: WhatsAppSignupCallbackResult

    /// <p>The status code for the response.</p>
    statusCode: Integer
}

// --- Structures -----------------------------------------------------------------------------

/// <p>Contains the <code>accessToken</code> provided by Meta during signup.</p>
structure WhatsAppSignupCallback {
    /// <p>The access token for your WhatsApp Business Account. The <code>accessToken</code> value is provided by Meta.</p>
    @required
    @length(max: 1000)
    accessToken: String
}

/// <p>Contains the results of WhatsAppSignupCallback.</p>
structure WhatsAppSignupCallbackResult {
    /// <p>An Amazon Web Services access token generated by <code>WhatsAppSignupCallback</code> and used by <code>WhatsAppSetupFinalization</code>.</p>
    associateInProgressToken: AssociateInProgressToken

    /// <p>A LinkedWhatsAppBusinessAccountIdMetaData object map containing the details of any WhatsAppBusiness accounts that have incomplete setup.</p>
    linkedAccountsWithIncompleteSetup: LinkedAccountWithIncompleteSetup
}

/// <p>The details of linking a WhatsApp Business Account to your Amazon Web Services account.</p>
structure WhatsAppSetupFinalization {
    /// <p>An Amazon Web Services access token generated by <code>WhatsAppSignupCallback</code> and used by <code>WhatsAppSetupFinalization</code>.</p>
    @required
    associateInProgressToken: AssociateInProgressToken

    /// <p>An array of WabaPhoneNumberSetupFinalization objects containing the details of each phone number associated with the WhatsApp Business Account.</p>
    @required
    phoneNumbers: WabaPhoneNumberSetupFinalizationList

    /// <p>Used to add a new phone number to an existing WhatsApp Business Account. This field can't be used when the <code>waba</code> field is present.</p>
    phoneNumberParent: LinkedWhatsAppBusinessAccountId

    /// <p>Used to create a new WhatsApp Business Account and add a phone number. This field can't be used when the <code>phoneNumberParent</code> field is present.</p>
    waba: WabaSetupFinalization
}

/// <p>The registration details for a linked phone number.</p>
structure WabaPhoneNumberSetupFinalization {
    /// <p>The unique identifier of the originating phone number associated with the media. Phone number identifiers are formatted as <code>phone-number-id-01234567890123456789012345678901</code>. Use <code>GetLinkedWhatsAppBusinessAccount</code> to find a phone number's id.</p>
    @required
    id: WhatsAppPhoneNumber

    /// <p>The PIN to use for two-step verification. To reset your PIN follow the directions in Updating PIN in the <i>WhatsApp Business Platform Cloud API Reference</i>.</p>
    @required
    twoFactorPin: TwoFactorPin

    // One long line of HTML, written over several lines: an escaped line break expands to nothing.
    @documentation("""
        <p>The two letter ISO region for the location of where Meta will store data.</p>\
        <p><b>Asia–Pacific (APAC)</b></p>\
        <ul>\
        <li><p>Australia <b>AU</b></p></li>\
        <li><p>Indonesia <b>ID</b></p></li>\
        <li><p>India <b>IN</b></p></li>\
        <li><p>Japan <b>JP</b></p></li>\
        <li><p>Singapore <b>SG</b></p></li>\
        <li><p>South Korea <b>KR</b></p></li>\
        </ul>\
        <p><b>Europe</b></p>\
        <ul>\
        <li><p>Germany <b>DE</b></p></li>\
        <li><p>Switzerland <b>CH</b></p></li>\
        <li><p>United Kingdom <b>GB</b></p></li>\
        </ul>\
        <p><b>Latin America (LATAM)</b></p>\
        <ul>\
        <li><p>Brazil <b>BR</b></p></li>\
        </ul>\
        <p><b>Middle East and Africa (MEA)</b></p>\
        <ul>\
        <li><p>Bahrain <b>BH</b></p></li>\
        <li><p>South Africa <b>ZA</b></p></li>\
        <li><p>United Arab Emirates <b>AE</b></p></li>\
        </ul>\
        <p><b>North America (NORAM)</b></p>\
        <ul>\
        <li><p>Canada <b>CA</b></p></li>\
        </ul>\
        """)
    dataLocalizationRegion: IsoCountryCode

    /// <p>An array of key and value pair tags.</p>
    tags: TagList
}

/// <p>The registration details for a linked WhatsApp Business Account.</p>
structure WabaSetupFinalization {
    /// <p>The ID of the linked WhatsApp Business Account, formatted as <code>waba-01234567890123456789012345678901</code>.</p>
    id: WhatsAppBusinessAccountId

    /// <p>The event destinations for the linked WhatsApp Business Account.</p>
    eventDestinations: WhatsAppBusinessAccountEventDestinations

    /// <p>An array of key and value pair tags.</p>
    tags: TagList
}

/// <p>Contains information on the event destination.</p>
structure WhatsAppBusinessAccountEventDestination {
    /// <p>The ARN of the event destination.</p>
    @required
    eventDestinationArn: EventDestinationArn
}

/// <p>Contains your WhatsApp registration status and details of any unregistered WhatsApp phone number.</p>
structure LinkedWhatsAppBusinessAccountIdMetaData {
    /// <p>The name of your account.</p>
    accountName: WhatsAppBusinessAccountName

    /// <p>The registration status of the linked WhatsApp Business Account.</p>
    registrationStatus: RegistrationStatus

    /// <p>The details for unregistered WhatsApp phone numbers.</p>
    unregisteredWhatsAppPhoneNumbers: WhatsAppPhoneNumberDetailList
}

/// <p>The details of your WhatsApp phone number.</p>
structure WhatsAppPhoneNumberDetail {
    /// <p>The ARN of the WhatsApp phone number.</p>
    @required
    arn: LinkedWhatsAppPhoneNumberArn

    /// <p>The phone number for sending WhatsApp.</p>
    @required
    phoneNumber: PhoneNumber

    /// <p>The phone number ID. Phone number identifiers are formatted as <code>phone-number-id-01234567890123456789012345678901</code>.</p>
    @required
    phoneNumberId: WhatsAppPhoneNumberId

    /// <p>The phone number ID from Meta.</p>
    @required
    metaPhoneNumberId: WhatsAppPhoneNumber

    /// <p>The display name for this phone number.</p>
    @required
    displayPhoneNumberName: WhatsAppPhoneNumberName

    /// <p>The phone number that appears in the recipients display.</p>
    @required
    displayPhoneNumber: WhatsAppDisplayPhoneNumber

    /// <p>The quality rating of the phone number.</p>
    @required
    qualityRating: WhatsAppPhoneNumberQualityRating
}

/// <p>The tag for a resource.</p>
structure Tag {
    /// <p>The tag key.</p>
    @required
    @length(min: 1, max: 128)
    key: String

    /// <p>The tag value.</p>
    @length(max: 256)
    value: String
}

// --- Collections ----------------------------------------------------------------------------

list TagList {
    member: Tag
}

list WabaPhoneNumberSetupFinalizationList {
    member: WabaPhoneNumberSetupFinalization
}

@length(max: 1)
list WhatsAppBusinessAccountEventDestinations {
    member: WhatsAppBusinessAccountEventDestination
}

list WhatsAppPhoneNumberDetailList {
    member: WhatsAppPhoneNumberDetail
}

map LinkedAccountWithIncompleteSetup {
    key: WhatsAppBusinessAccountId
    value: LinkedWhatsAppBusinessAccountIdMetaData
}

// --- Enums and strings ----------------------------------------------------------------------

enum RegistrationStatus {
    COMPLETE
    INCOMPLETE
}

@length(max: 50)
@sensitive
string AssociateInProgressToken

string ErrorMessage

@length(max: 2048)
@pattern("^arn:.*:[a-z-]+([/:](.*))?$")
string EventDestinationArn

@pattern("^[A-Z]{2}$")
string IsoCountryCode

@length(min: 1, max: 115)
@pattern("(^waba-.*$)|(^arn:.*:waba/[0-9a-zA-Z]+$)")
string LinkedWhatsAppBusinessAccountId

@length(max: 2048)
@pattern("^arn:.*:phone-number-id/[0-9a-zA-Z]+$")
string LinkedWhatsAppPhoneNumberArn

@length(min: 1, max: 20)
string PhoneNumber

@length(min: 1, max: 6)
@sensitive
string TwoFactorPin

@length(min: 1, max: 100)
string WhatsAppBusinessAccountId

@length(max: 200)
string WhatsAppBusinessAccountName

@length(max: 20)
string WhatsAppDisplayPhoneNumber

@length(min: 1, max: 100)
string WhatsAppPhoneNumber

@length(min: 1, max: 115)
@pattern("(^phone-number-id-.*$)|(^arn:.*:phone-number-id/[0-9a-zA-Z]+$)")
string WhatsAppPhoneNumberId

@length(max: 200)
string WhatsAppPhoneNumberName

@length(max: 10)
string WhatsAppPhoneNumberQualityRating

// --- Errors ---------------------------------------------------------------------------------

/// <p>You do not have sufficient access to perform this action.</p>
@error("client")
@httpError(403)
structure AccessDeniedException {
    message: ErrorMessage
}

/// <p>Thrown when performing an action because a dependency would be broken.</p>
@error("server")
@httpError(502)
@retryable
structure DependencyException {
    message: ErrorMessage
}

/// <p>One or more parameters provided to the action are not valid.</p>
@error("client")
@httpError(400)
structure InvalidParametersException {
    message: ErrorMessage
}

/// <p>The request was denied due to request throttling.</p>
@error("client")
@httpError(429)
@retryable
structure ThrottledRequestException {
    message: ErrorMessage
}

/// <p>The request contains an invalid parameter value.</p>
@error("client")
@httpError(400)
structure ValidationException {
    message: ErrorMessage
}
